#!/usr/bin/env bash
# Installs what is missing, starts a throw-away Azurite on free ports, runs every test in the solution.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh --browser
source scripts/azurite.sh

work="$(mktemp -d /tmp/bsc-test.XXXXXX)"
blob_port="$(free_port)"; queue_port="$(free_port)"
while [ "$queue_port" = "$blob_port" ]; do queue_port="$(free_port)"; done
start_azurite "$work/azurite" "$blob_port" "$queue_port"
cleanup() {
  kill "$AZURITE_PID" 2>/dev/null || true
  wait "$AZURITE_PID" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

export BSC_TEST_STORAGE="$(azurite_connection_string "$blob_port" "$queue_port")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
status=0
dotnet test BrandStoryContest.sln -c Release 2>&1 | tee "$work/test.log" || status=$?

# One plain closing line over every test project.
sum() { grep -Eo "$1: +[0-9]+" "$work/test.log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
