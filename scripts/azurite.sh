#!/usr/bin/env bash
# Shared by run.sh and test.sh: start Azurite in the background and wait until both ports answer.
# Usage: source scripts/azurite.sh; start_azurite DATA BLOB_PORT QUEUE_PORT  (sets AZURITE_PID)
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_azurite() {
  local data="$1" blob="$2" queue="$3" root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  "$root/storage-emulator/start.sh" "$data" "$blob" "$queue" > "$data.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if port_open "$blob" && port_open "$queue"; then return 0; fi
    sleep 0.2
  done
  echo "Azurite did not start; its log:" >&2; cat "$data.log" >&2; return 1
}

azurite_connection_string() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$2/devstoreaccount1;"
}
