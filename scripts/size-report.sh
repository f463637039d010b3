#!/usr/bin/env bash
# Prints what a visitor downloads: every file of the release build (dist/) raw, gzip -9 and
# brotli (quality 11, what static hosts and CDNs serve when they precompress), and the total.
#
#   scripts/size-report.sh             build the release first (scripts/setup.sh build + trunk)
#   scripts/size-report.sh --no-build  report on the dist/ already there
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
    --no-build) ;;
    "")
        bash "$CARESCORE_ROOT/scripts/setup.sh" build >&2
        log "release build" && build_release >&2
        ;;
    *) die "usage: scripts/size-report.sh [--no-build]" ;;
esac

DIST="$CARESCORE_ROOT/dist"
[ -f "$DIST/index.html" ] || die "no dist/index.html: build first (drop --no-build)"
command -v brotli >/dev/null || die "brotli not found: apt-get install brotli (scripts/setup.sh all)"

kib() { awk -v bytes="$1" 'BEGIN { printf "%.1f KiB", bytes / 1024 }'; }

total_raw=0 total_gzip=0 total_brotli=0
# The data worker's files (data_worker*) download only when a file is imported.
later_brotli=0 later_gzip=0
printf '| file | kind | raw | gzip -9 | brotli |\n| --- | --- | ---: | ---: | ---: |\n'
while IFS= read -r file; do
    name="${file#"$DIST"/}"
    case "$name" in
        *.wasm) kind=wasm ;; *.js) kind=JS ;; *.css) kind=CSS ;; *.html) kind=HTML ;; *) kind=other ;;
    esac
    raw=$(wc -c <"$file")
    gzipped=$(gzip -9 -c "$file" | wc -c)
    brotlied=$(brotli -q 11 -c "$file" | wc -c)
    total_raw=$((total_raw + raw))
    total_gzip=$((total_gzip + gzipped))
    total_brotli=$((total_brotli + brotlied))
    case "$name" in
        data_worker*) later_brotli=$((later_brotli + brotlied)) later_gzip=$((later_gzip + gzipped)) kind="$kind, on import" ;;
    esac
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$kind" "$(kib "$raw")" "$(kib "$gzipped")" "$(kib "$brotlied")"
done < <(find "$DIST" -type f | sort)
printf '| **total** | | %s | %s | **%s** |\n' "$(kib "$total_raw")" "$(kib "$total_gzip")" "$(kib "$total_brotli")"
first_brotli=$((total_brotli - later_brotli))
printf '\nTransferred on first load with brotli: %s (%d bytes); with gzip: %s.\n' \
    "$(kib "$first_brotli")" "$first_brotli" "$(kib "$((total_gzip - later_gzip))")"
printf 'Loaded on the first import (the data worker): %s brotli.\n' "$(kib "$later_brotli")"
