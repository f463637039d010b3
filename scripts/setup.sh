#!/usr/bin/env bash
# Installs what building and testing CareScore needs, from registries only (crates.io, npm,
# Debian), idempotently: each piece is checked first and installed only when missing or at the
# wrong version, so a second run takes seconds.
#
#   scripts/setup.sh build   Rust wasm target, Trunk, wasm-bindgen CLI, wasm-opt (enough to build)
#   scripts/setup.sh all     build tools + rustfmt/clippy, Chromium, chromedriver, CJK fonts,
#                            brotli and the e2e node packages (default)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SCOPE="${1:-all}"
case "$SCOPE" in
    build | all) ;;
    *) die "usage: scripts/setup.sh [build|all]" ;;
esac

APT_PACKAGES=(chromium chromium-driver fonts-noto-cjk brotli)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt_packages() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    log "apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}

ensure_rust_parts() {
    command -v rustup >/dev/null || die "rustup not found: install Rust with rustup first"
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        log "rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    if [ "$SCOPE" = all ]; then
        local installed
        installed="$(rustup component list --installed)"
        for component in rustfmt clippy; do
            if ! grep -q "^$component" <<<"$installed"; then
                log "rustup component add $component"
                rustup component add "$component"
            fi
        done
    fi
}

# `cargo install` from $HOME so the project's .cargo/config.toml does not apply to it.
cargo_install() {
    (cd "$HOME" && env -u CARGO_TARGET_DIR cargo install "$@")
}

ensure_trunk() {
    if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
        log "cargo install trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
        cargo_install --locked trunk --version "$TRUNK_VERSION"
    fi
}

ensure_wasm_bindgen_cli() {
    local version
    version="$(wasm_bindgen_version)"
    [ -n "$version" ] || die "no wasm-bindgen in Cargo.lock"
    local trunk_pin
    trunk_pin="$(trunk_tool_pin wasm_bindgen)"
    if [ -n "$trunk_pin" ] && [ "$trunk_pin" != "$version" ]; then
        die "Trunk.toml pins wasm_bindgen = \"$trunk_pin\" but Cargo.lock has $version: make them equal"
    fi
    if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ] ||
        [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $version" ]; then
        # Without --locked: 0.2.130's own lockfile names a webpki-roots release crates.io lacks.
        log "cargo install wasm-bindgen-cli $version (about 3 minutes)"
        cargo_install --force wasm-bindgen-cli --version "$version"
    fi
}

ensure_wasm_opt() {
    local version trunk_pin
    version="$(binaryen_version)"
    trunk_pin="$(trunk_tool_pin wasm_opt)"
    if [ -n "$trunk_pin" ] && [ "$trunk_pin" != "version_$version" ]; then
        die "Trunk.toml pins wasm_opt = \"$trunk_pin\" but scripts/tools locks binaryen $version"
    fi
    # Debian's binaryen (108) is too old: its output fails to load. npm's binaryen is current.
    if ! wasm-opt --version 2>/dev/null | grep -q "(version_$version)"; then
        log "npm ci binaryen $version into $CARESCORE_TOOLS_DIR"
        mkdir -p "$CARESCORE_TOOLS_DIR"
        cp "$CARESCORE_ROOT/scripts/tools/package.json" "$CARESCORE_ROOT/scripts/tools/package-lock.json" \
            "$CARESCORE_TOOLS_DIR/"
        (cd "$CARESCORE_TOOLS_DIR" && npm ci --no-audit --no-fund --loglevel=error)
        wasm-opt --version | grep -q "(version_$version)" || die "wasm-opt on PATH is not version_$version"
    fi
}

# playwright-core only: it drives the system Chromium and never downloads a browser.
ensure_e2e_packages() {
    local dir="$CARESCORE_ROOT/tests/e2e"
    local package wanted installed
    # Every package the journeys import, at the lockfile's version: one missing or
    # different (a new dependency, a version bump) means npm ci.
    for package in playwright-core axe-core; do
        wanted="$(node -p 'require(process.argv[1]).packages["node_modules/" + process.argv[2]].version' \
            "$dir/package-lock.json" "$package")"
        installed="$(node -p 'require(process.argv[1]).version' \
            "$dir/node_modules/$package/package.json" 2>/dev/null || true)"
        if [ "$wanted" != "$installed" ]; then
            log "npm ci in tests/e2e ($package $wanted, installed: ${installed:-none})"
            (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
            return
        fi
    done
}

# DuckDB's Python package runs the queries of `carescore sql` in crates/cli/tests/sql_duckdb.rs.
PYTHON_PACKAGES=(duckdb==1.4.3)

ensure_python_packages() {
    local missing=() pin installed
    for pin in "$@"; do
        installed="$(python3 -c 'import importlib.metadata, sys; print(importlib.metadata.version(sys.argv[1]))' \
            "${pin%%==*}" 2>/dev/null || true)"
        [ "$installed" = "${pin##*==}" ] || missing+=("$pin")
    done
    [ ${#missing[@]} -eq 0 ] && return
    log "pip install ${missing[*]}"
    # A Debian-managed Python refuses plain installs (PEP 668); the flag is for that case only.
    python3 -m pip install --quiet "${missing[@]}" ||
        python3 -m pip install --quiet --break-system-packages "${missing[@]}"
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    ensure_apt_packages nodejs npm
fi
# Trunk's post-build hook (scripts/csp_hashes.py) and scripts/serve.sh run Python's stdlib.
command -v python3 >/dev/null || ensure_apt_packages python3
if [ "$SCOPE" = all ]; then
    ensure_apt_packages "${APT_PACKAGES[@]}"
fi
ensure_rust_parts
ensure_wasm_opt
ensure_trunk
ensure_wasm_bindgen_cli
if [ "$SCOPE" = all ]; then
    ensure_e2e_packages
    ensure_python_packages "${PYTHON_PACKAGES[@]}"
fi
log "set-up ($SCOPE) complete: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version)"
