#!/usr/bin/env bash
# Installs what is missing, builds, and serves the page on http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh
scripts/build.sh
port="${PORT:-8080}"
echo "headroom: serving www/dist on http://127.0.0.1:$port (Ctrl-C stops)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www/dist
