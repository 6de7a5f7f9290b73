#!/usr/bin/env bash
# Builds in Release and measures every figure against its baseline in the same run; prints a Markdown table and
# writes it to bench/results.md. Installs what is missing (ffmpeg, Node + the pinned Azurite, wrk).
#   bench/run.sh                 1 GiB film upload
#   bench/run.sh --film-gib 4    4 GiB film upload
#   bench/run.sh --only algorithms,media    (parts: algorithms, media, upload, pages, organizer, memory, processing,
#                                            certificates, mail, surge, surge-sqlite, surge-pg, surge-crash, divisions; --small: shorter, 720p films for
#                                            processing, 4 divisions instead of 32)
#   bench/run.sh --only surge-sqlite --arrivals 5   the surge's entrants arriving at 5 a second instead of a closed loop of 100
# Generated clips and films are cached in bench/.work/ (delete it to regenerate); the logs of the app and of Azurite stay there.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
if ! command -v wrk >/dev/null; then
  echo "==> installing wrk"
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
source scripts/azurite.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "==> building (Release)"
dotnet build bench/BrandStoryContest.Bench -c Release -nologo -v quiet

work="$(pwd)/bench/.work"
mkdir -p "$work"
azurite_data="$(mktemp -d /tmp/bsc-bench-azurite.XXXXXX)"
blob_port="$(free_port)"; queue_port="$(free_port)"
while [ "$queue_port" = "$blob_port" ]; do queue_port="$(free_port)"; done
echo "==> starting Azurite on 127.0.0.1:$blob_port/$queue_port"
start_azurite "$azurite_data/data" "$blob_port" "$queue_port"
cleanup() {
  kill "$AZURITE_PID" 2>/dev/null || true
  wait "$AZURITE_PID" 2>/dev/null || true
  # Its log outlives its data (the surge's runs start Azurites of their own and keep theirs in the work folder too).
  cp "$azurite_data/data.log" "$work/azurite.log" 2>/dev/null || true
  rm -rf "$azurite_data"
}
trap cleanup EXIT

machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
status=0
dotnet bench/BrandStoryContest.Bench/bin/Release/net10.0/BrandStoryContest.Bench.dll \
  --work "$work" --storage "$(azurite_connection_string "$blob_port" "$queue_port")" --out "$work/table.md" "$@" || status=$?

{
  echo "# Benchmark results"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $machine; commit $(git rev-parse --short HEAD)$(git diff --quiet -- . ':!bench/results.md' || echo ' + local changes')."
  echo "Load average before the run: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg). Other processes may share the CPU,"
  echo "so absolute figures vary between runs; each ratio compares two measurements taken minutes apart in the same run."
  echo
  cat "$work/table.md"
} > bench/results.md
echo
echo "==> written to bench/results.md"
exit "$status"
