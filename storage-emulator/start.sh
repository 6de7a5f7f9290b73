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
# --skipApiVersionCheck: the Azure SDK may speak a newer REST version than this Azurite knows.
exec "$here/node_modules/.bin/azurite" --silent --location "$data" \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort 0 --skipApiVersionCheck --disableProductStyleUrl "$@"
