#!/usr/bin/env bash
# First-open benchmark: opens the release build (dist/) in headless Chromium on fresh profiles
# and prints the milliseconds from navigation to the shell, to the demo dashboard and to the
# first moment the page can answer input. Figures only, nothing asserted; run it on an idle
# machine (it prints the load average) and compare medians.
#
#   scripts/bench/first-open.sh [--no-build] [runs]     (default: build first, 9 runs)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [ "${1:-}" = "--no-build" ]; then
    shift
else
    bash "$CARESCORE_ROOT/scripts/setup.sh" build >&2
    log "release build" && build_release >&2
fi
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
cd "$CARESCORE_ROOT/tests/e2e"
node bench/first_open.bench.mjs "${1:-9}"
