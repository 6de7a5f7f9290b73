#!/usr/bin/env bash
# Installs what is missing, starts Azurite and the app with the seeded demo contests on 127.0.0.1.
# Also a local mail catcher (smtp4dev from the tool manifest) that the app delivers to, with its web UI.
# PORT=5080 by default, SMTP_PORT=2525 and MAIL_UI_PORT=5081; data (SQLite file, Azurite blobs, caught mail)
# under ./data. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh
source scripts/azurite.sh

port="${PORT:-5080}"
data="$(pwd)/data"
mkdir -p "$data"
pids=()
cleanup() { for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if port_open 10000 && port_open 10001; then
  echo "==> Azurite already listening on 10000/10001: using it"
else
  echo "==> starting Azurite (data in $data/azurite)"
  start_azurite "$data/azurite" 10000 10001
  pids+=("$AZURITE_PID")
fi

smtp_port="${SMTP_PORT:-2525}"
mail_ui_port="${MAIL_UI_PORT:-5081}"
echo "==> restoring the local tools (dotnet-ef, smtp4dev)"
dotnet tool restore >/dev/null
if port_open "$smtp_port"; then
  echo "==> something already listens on $smtp_port: delivering mail to it"
else
  echo "==> starting smtp4dev (SMTP 127.0.0.1:$smtp_port, web UI 127.0.0.1:$mail_ui_port)"
  mkdir -p "$data/smtp4dev"
  dotnet smtp4dev --urls="http://127.0.0.1:$mail_ui_port" --bindaddress=127.0.0.1 --hostname=localhost \
    --smtpport="$smtp_port" --imapport= --pop3port= --db="$data/smtp4dev/smtp4dev.db" --nousersettings \
    > "$data/smtp4dev/smtp4dev.log" 2>&1 &
  pids+=("$!")
fi

echo "==> building"
dotnet build src/BrandStoryContest.Web -c Release -nologo -v quiet

export ASPNETCORE_ENVIRONMENT=Development
export App__SeedDemo=true App__DataFolder="$data"
export Storage__ConnectionString="$(azurite_connection_string 10000 10001)"
export Mail__Host=127.0.0.1 Mail__Port="$smtp_port" Mail__Tls=None Mail__FromAddress=contest@brandstorycontest.local
# The built app itself (not `dotnet run`, which evaluates the project again first): pages answer seconds sooner,
# while the demo seeds itself in the background. Content root = the project folder (Resources/, wwwroot/).
(cd src/BrandStoryContest.Web && exec dotnet bin/Release/net10.0/BrandStoryContest.Web.dll --urls "http://127.0.0.1:$port") &
pids+=("$!")

for _ in $(seq 1 150); do port_open "$port" && break; sleep 0.2; done
cat <<MSG

  BrandStoryContest is running at   http://127.0.0.1:$port
  Demo start page (one-click sign-in) http://127.0.0.1:$port/demo
  Mail it sends (smtp4dev)          http://127.0.0.1:$mail_ui_port
  The demo contests are seeded in the background; the home page shows the progress.

  Demo logins (password for all: Demo#2026)
    organizer@demo.local   organizer of the demo contests
    final@demo.local       organizer of the national final (its divisions' dashboard)
    division@demo.local    organizer of 江城赛区, a division of the final
    judge1@demo.local      judge (also judge2@, judge3@)
    writer@demo.local      entrant (essays)
    filmmaker@demo.local   entrant (micro-films)
    admin@demo.local       admin (users and roles)

  Ctrl-C stops the app, the mail catcher and Azurite.
MSG
wait "${pids[-1]}"
