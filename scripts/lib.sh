# shellcheck shell=bash
# Shared by scripts/*.sh (sourced, never run): repository paths, tool pins and the release build.
#
# Pins live in one place each:
# - Trunk: TRUNK_VERSION below (Trunk.toml only says "^0.21": 0.22 needs a newer rustc).
# - wasm-bindgen CLI: read from Cargo.lock, which must equal the crate version exactly.
# - wasm-opt: scripts/tools/package-lock.json (npm binaryen); Trunk.toml names it version_N.

CARESCORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TRUNK_VERSION="0.21.14"
# Outside the repository so a fresh clone or `git clean` keeps the 100 MB of binaryen.
CARESCORE_TOOLS_DIR="${CARESCORE_TOOLS_DIR:-$HOME/.cache/carescore/tools}"
export PATH="$CARESCORE_TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version Cargo.lock resolved: the CLI and the test runner must match it exactly.
wasm_bindgen_version() {
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' \
        "$CARESCORE_ROOT/Cargo.lock"
}

# The binaryen major locked for the tools dir, e.g. 132.
binaryen_version() {
    node -e 'const lock = require(process.argv[1]);
             process.stdout.write(lock.packages["node_modules/binaryen"].version.split(".")[0]);' \
        "$CARESCORE_ROOT/scripts/tools/package-lock.json"
}

# Value of `key = "value"` under [tools] in Trunk.toml (empty when absent).
trunk_tool_pin() {
    sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$CARESCORE_ROOT/Trunk.toml" 2>/dev/null | head -n1
}

# Release build into dist/. Trunk offline never fetches tools (it uses the exact versions on
# PATH) and never checks for its own updates; it also makes cargo offline, hence the fetch.
build_release() {
    (
        cd "$CARESCORE_ROOT" || exit
        cargo fetch --locked
        TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline
    )
}
