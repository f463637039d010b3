#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080 (PORT=... to change).
# The demo workspace is built into the app, so there is nothing else to start.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${PORT:-8080}"
bash "$CARESCORE_ROOT/scripts/setup.sh" build
log "release build (trunk build --release)"
build_release
log "serving dist/ on http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec python3 -m http.server --bind 127.0.0.1 --directory "$CARESCORE_ROOT/dist" "$PORT"
