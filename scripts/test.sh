#!/usr/bin/env bash
# Runs every test tier, installing what is missing first (scripts/setup.sh all):
#
#   1 native   rustfmt, native tests of the engine, CLI and the web crate's pure parts,
#              clippy (native and wasm32) with warnings denied
#   2 browser  tests/web_*.rs: components mounted in headless Chromium (wasm-bindgen-test)
#   3 e2e      the release build (Trunk), then the journeys in tests/e2e/*.spec.mjs
#
# Usage: scripts/test.sh [native] [browser] [e2e]   (no argument: all tiers, in that order)
#
# It stops after the first tier that fails and exits non-zero. The last line is always
# `N passed, N failed`: tests counted from cargo's and node's own summaries, plus one failure
# for each step that failed without a failing test to show for it (a compile error, a rustfmt
# diff, a clippy warning, a failed build).
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CARESCORE_ROOT" || exit 1

TIERS=("$@")
[ ${#TIERS[@]} -eq 0 ] && TIERS=(native browser e2e)
for tier in "${TIERS[@]}"; do
    case "$tier" in native | browser | e2e) ;; *) die "unknown tier '$tier' (native, browser, e2e)" ;; esac
done

LOG_DIR="$CARESCORE_ROOT/target/test-logs"
mkdir -p "$LOG_DIR"
RUN_STARTED=$(date +%s)
TOTAL_PASSED=0
TOTAL_FAILED=0
TIER_FAILED=0
SUMMARY=()
STEP_NUMBER=0

# Sums "test result: ok. 3 passed; 0 failed; ..." (cargo, wasm-bindgen-test-runner) and
# "ℹ pass 3" / "ℹ fail 0" (node's spec reporter) in a log; prints "passed failed".
count_results() {
    awk '
        /^test result: / {
            for (i = 1; i <= NF; i++) {
                if ($(i + 1) ~ /^passed;?$/) passed += $i
                if ($(i + 1) ~ /^failed;?$/) failed += $i
            }
        }
        /^ℹ pass [0-9]+$/ { passed += $3 }
        /^ℹ (fail|cancelled) [0-9]+$/ { failed += $3 }
        END { printf "%d %d\n", passed, failed }
    ' "$1"
}

# run_step "label" command...: runs it with output shown and logged, then records the outcome.
run_step() {
    local label="$1"
    shift
    STEP_NUMBER=$((STEP_NUMBER + 1))
    local log_file
    log_file="$LOG_DIR/$(printf '%02d' "$STEP_NUMBER")-$(tr -c 'a-zA-Z0-9\n' '-' <<<"$label").log"
    log "$label: $*"
    local started status
    started=$(date +%s)
    "$@" 2>&1 | tee "$log_file"
    status=${PIPESTATUS[0]}
    local passed failed
    read -r passed failed < <(count_results "$log_file")
    if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
        failed=1
    fi
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    local outcome="ok"
    if [ "$status" -ne 0 ]; then
        outcome="FAILED (exit $status, log: ${log_file#"$CARESCORE_ROOT"/})"
        TIER_FAILED=1
    fi
    local counts=""
    [ $((passed + failed)) -gt 0 ] && counts="$passed passed, $failed failed"
    SUMMARY+=("$(printf '%-44s %-22s %5ss  %s' "$label" "$counts" "$(($(date +%s) - started))" "$outcome")")
}

print_summary_and_exit() {
    printf '\n==================== CareScore test summary ====================\n'
    printf '%s\n' "${SUMMARY[@]}"
    printf 'total time %ss, logs in %s\n' "$(($(date +%s) - RUN_STARTED))" "${LOG_DIR#"$CARESCORE_ROOT"/}"
    printf '%d passed, %d failed\n' "$TOTAL_PASSED" "$TOTAL_FAILED"
    [ "$TOTAL_FAILED" -eq 0 ] && [ "$1" -eq 0 ]
    exit $?
}

end_tier() {
    if [ "$TIER_FAILED" -ne 0 ]; then
        SUMMARY+=("stopped: tier '$1' failed, later tiers not run")
        print_summary_and_exit 1
    fi
}

tier_native() {
    SUMMARY+=("-- tier 1: native")
    run_step "rustfmt --check" cargo fmt --all -- --check --color never
    run_step "cargo test (engine, cli)" cargo test --locked --workspace --exclude carescore-web --no-fail-fast
    run_step "cargo test carescore-web --lib (native)" cargo test --locked -p carescore-web --lib --no-fail-fast
    run_step "clippy native, -D warnings" cargo clippy --locked --workspace --all-targets -- -D warnings
    # Code behind cfg(target_arch = "wasm32") is only seen by a wasm32 check.
    run_step "clippy wasm32 carescore-web, -D warnings" \
        cargo clippy --locked -p carescore-web --target wasm32-unknown-unknown --all-targets -- -D warnings
    end_tier native
}

tier_browser() {
    SUMMARY+=("-- tier 2: browser components (wasm-bindgen-test, Chromium)")
    local test_args=()
    for file in tests/web_*.rs; do
        [ -e "$file" ] || continue
        test_args+=(--test "$(basename "$file" .rs)")
    done
    if [ ${#test_args[@]} -eq 0 ]; then
        SUMMARY+=("no tests/web_*.rs: nothing to run")
        return
    fi
    # webdriver.json (repo root) adds Chromium flags to the runner's headless defaults.
    run_step "wasm-bindgen-test in Chromium" env CHROMEDRIVER="$CHROMEDRIVER" \
        WASM_BINDGEN_TEST_WEBDRIVER_JSON="$CARESCORE_ROOT/webdriver.json" \
        cargo test --locked -p carescore-web --target wasm32-unknown-unknown --no-fail-fast "${test_args[@]}"
    end_tier browser
}

tier_e2e() {
    SUMMARY+=("-- tier 3: release build and end-to-end journeys")
    run_step "trunk build --release" build_release
    end_tier e2e
    run_step "e2e journeys (node --test, Chromium)" \
        node --test --test-reporter=spec --test-concurrency=1 tests/e2e/*.spec.mjs
    end_tier e2e
}

# A full run writes debug trees (native and wasm32) and the release build under target/:
# 3.3 GB from a fresh clone, 9.7 GB before dev builds dropped most debug info (Cargo.toml)
# and CI its incremental caches (1.6 GB of that, and they only help repeated local builds).
# A CI run once died of a full disk half-way: say so up front, not in a rustc crash.
[ "${CI:-}" = true ] && export CARGO_INCREMENTAL=0
free_kib=$(df -Pk "$CARESCORE_ROOT" | awk 'NR == 2 { print $4 }')
if [ -n "$free_kib" ] && [ "$free_kib" -lt $((5 * 1024 * 1024)) ]; then
    log "warning: only $((free_kib / 1024)) MiB free on $(df -P "$CARESCORE_ROOT" | awk 'NR == 2 { print $6 }'); a full run writes about 3.5 GB"
fi

log "set-up (scripts/setup.sh all)"
if ! bash "$CARESCORE_ROOT/scripts/setup.sh" all; then
    SUMMARY+=("set-up failed: see the output above")
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
    print_summary_and_exit 1
fi
for tier in "${TIERS[@]}"; do
    case "$tier" in
        native) tier_native ;;
        browser) tier_browser ;;
        e2e) tier_e2e ;;
    esac
done
print_summary_and_exit 0
