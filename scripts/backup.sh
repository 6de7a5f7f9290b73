#!/usr/bin/env bash
# Backup or restore the database and every blob, with the same settings the app runs with.
#   scripts/backup.sh backup  /path/to/backup-folder
#   scripts/backup.sh restore /path/to/backup-folder     (run while the app is stopped)
# Settings come from the environment like the app's (App__DataFolder, ConnectionStrings__Contest,
# Storage__ConnectionString); without them: ./data and the local Azurite, as run.sh uses.
set -euo pipefail
cd "$(dirname "$0")/.."
verb="${1:?usage: scripts/backup.sh backup|restore FOLDER}"; folder="$(realpath -m "${2:?usage: scripts/backup.sh backup|restore FOLDER}")"
export App__DataFolder="${App__DataFolder:-$(pwd)/data}"
export App__SeedDemo=false Media__WorkerEnabled=false Maintenance__SweeperEnabled=false
dotnet build src/BrandStoryContest.Web -c Release -nologo -v quiet
dotnet src/BrandStoryContest.Web/bin/Release/net10.0/BrandStoryContest.Web.dll "$verb" "$folder" --contentRoot src/BrandStoryContest.Web
