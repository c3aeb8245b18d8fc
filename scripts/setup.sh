# Installs what building and testing invokelab needs, skipping whatever is already there (each
# check is an exact version check, so a version bump reinstalls). Sourced by `scripts/serve` and
# `.ci/run`; safe to run again. Only package registries are used (crates.io, npm, Debian).
#   INVOKELAB_BROWSER=1  also install Debian's Chromium and chromedriver (browser tests).
set -euo pipefail
export CARGO_TERM_COLOR=never DEBIAN_FRONTEND=noninteractive
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
# npm's wasm-opt (binaryen 132) first: Debian's binaryen is too old for rustc 1.95's output.
export PATH="$PWD/node_modules/.bin:$CARGO_BIN:$PATH"
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
setup_t0=$(date +%s)
step() { echo "=== $* (+$(( $(date +%s) - setup_t0 ))s)"; }
# Tools' own release profiles (fat LTO) only slow their install down.
fast_install() { CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"; }

step "rust: wasm32 target, rustfmt, clippy"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
# Not --locked: its packaged lockfile pins a crate version the registry does not serve.
[ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
  fast_install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force

step "trunk $TRUNK_VERSION"
[ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ] ||
  fast_install trunk --version "=$TRUNK_VERSION" --locked --force

if [ "${INVOKELAB_BROWSER:-0}" = 1 ]; then
  step "chromium, chromedriver, wabt"
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v wasm-validate >/dev/null; then
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver wabt >/dev/null
  fi
fi

step "npm packages (CodeMirror, esbuild, binaryen, playwright-core)"
# node_modules/.installed-lock is the package-lock.json it was installed from.
cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null ||
  { npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock; }

step "cargo fetch (Trunk builds offline)"
cargo fetch --locked
