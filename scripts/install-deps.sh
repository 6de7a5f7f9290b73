#!/usr/bin/env bash
# Installs what BrandStoryContest needs and is missing: ffmpeg, Chromium (browser tests), poppler-utils
# (PDF checks), zbar-tools (certificate QR checks), a CJK font (certificates), Node.js, and the pinned
# Azurite in storage-emulator/, and PostgreSQL (the scale-out tests start a throw-away cluster).
# Safe to run again: it installs nothing that is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want_browser="${1:-}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else echo "need root for: $*" >&2; return 1; fi; }

missing=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ "$want_browser" = "--browser" ]; then command -v chromium >/dev/null || missing+=(chromium); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL only for the scale-out tests, so a failed install skips them instead of stopping everything.
# Debian keeps initdb/pg_ctl off PATH, so look where the package puts them.
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "==> installing: postgresql"
  { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; } \
    || echo "==> postgresql could not be installed: the scale-out tests will be skipped" >&2
fi

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

# npm ci only when the lock changed since the last install.
emu="$root/storage-emulator"
if [ ! -x "$emu/node_modules/.bin/azurite" ] || [ "$emu/package-lock.json" -nt "$emu/node_modules/.package-lock.json" ]; then
  echo "==> npm ci in storage-emulator/"
  (cd "$emu" && npm ci --no-audit --no-fund --loglevel=error)
fi
