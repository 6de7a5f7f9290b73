#!/usr/bin/env bash
# Starts the pinned Azurite on 127.0.0.1 (blob + queue) with its data in a local folder.
# Usage: storage-emulator/start.sh [data-folder] [blob-port] [queue-port] [more Azurite options, e.g. --debug FILE]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-$here/data}"
blob_port="${2:-10000}"
queue_port="${3:-10001}"
shift $(( $# < 3 ? $# : 3 ))
mkdir -p "$data"
[ -x "$here/node_modules/.bin/azurite" ] || (cd "$here" && npm ci --no-audit --no-fund)
# Azurite 3.37.0 keeps a file open for every block after the start of a download that its client cuts off (ffmpeg does
# that each time it seeks or stops reading; Azure/Azurite#1967, open): a 100 MiB film of 25 blocks costs ~25 open files
# per cut-off read, and at the open-files limit (20,000 here) Azurite answers 500 to reads, then stops serving. Closing
# the response body's streams when the response closes ends the leak (bench/run.sh --only surge, docs/performance.md).
serializer="$here/node_modules/azurite/dist/src/blob/generated/utils/serializer.js"
if [ -f "$serializer" ] && ! grep -q 'bsc: close the body' "$serializer"; then
  sed -i 's|\.on("close", resolve);|.on("close", () => { /* bsc: close the body */ if (typeof handlerResponse.body.destroy === "function") handlerResponse.body.destroy(); resolve(); });|' "$serializer"
fi
# --skipApiVersionCheck: the Azure SDK may speak a newer REST version than this Azurite knows.
exec "$here/node_modules/.bin/azurite" --silent --location "$data" \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort 0 --skipApiVersionCheck --disableProductStyleUrl "$@"
