#!/usr/bin/env bash
# Installs what is missing, starts a throw-away Azurite and PostgreSQL on free loopback ports, runs every
# test in the solution. Without PostgreSQL the scale-out tests are skipped (and said so), not failed.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh --browser
source scripts/azurite.sh
source scripts/postgres.sh

work="$(mktemp -d /tmp/bsc-test.XXXXXX)"
blob_port="$(free_port)"; queue_port="$(free_port)"
while [ "$queue_port" = "$blob_port" ]; do queue_port="$(free_port)"; done
start_azurite "$work/azurite" "$blob_port" "$queue_port"
pg_dir="$(mktemp -d /tmp/bsc-pg.XXXXXX)"
cleanup() {
  kill "$AZURITE_PID" 2>/dev/null || true
  wait "$AZURITE_PID" 2>/dev/null || true
  stop_postgres
  rm -rf "$work" "$pg_dir" 2>/dev/null || true
}
trap cleanup EXIT

pg_port="$(free_port)"
if postgres_bin >/dev/null && start_postgres "$pg_dir" "$pg_port"; then
  export BSC_TEST_POSTGRES="$(postgres_connection_string "$pg_port")"
  echo "==> PostgreSQL on 127.0.0.1:$pg_port for the scale-out tests"
else
  unset BSC_TEST_POSTGRES
  echo "==> no PostgreSQL (install the postgresql package): the scale-out tests will be skipped" >&2
fi

export BSC_TEST_STORAGE="$(azurite_connection_string "$blob_port" "$queue_port")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Each test app would watch its appsettings files with inotify; hundreds of apps in one run reach the per-user
# limit of inotify instances (128 on Debian). Tests never edit those files, so no app needs to watch them.
export DOTNET_hostBuilder__reloadConfigOnChange=false
status=0
dotnet test BrandStoryContest.sln -c Release 2>&1 | tee "$work/test.log" || status=$?

# One plain closing line over every test project.
sum() { grep -Eo "$1: +[0-9]+" "$work/test.log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
