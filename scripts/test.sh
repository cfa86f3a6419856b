#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: formatting, lints, the Rust model's
# unit, property, doc and cross-check tests, the two wasm modules' exports under Node and
# headless Chromium (each with its own tests), and the page in Chromium with Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

step "format, lints and API docs"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --quiet -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features tools --quiet -- -D warnings
# The API docs build with every intra-doc link resolved.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --quiet

step "model: unit, property, doc and seed cross-check tests (also regenerates www/src/generated)"
cargo test --quiet
if [ -n "$(git status --porcelain -- www/src/generated docs)" ]; then
  git status --short -- www/src/generated docs
  echo "generated files changed: run cargo test and commit them" >&2
  exit 1
fi

step "wasm exports under Node: the first module (tests/wasm.rs), then the tools module (tests/wasm_tools.rs)"
wasm-pack test --node -- --test wasm
wasm-pack test --node -- --features tools --test wasm_tools

step "wasm exports in headless Chromium, the same two"
for args in "--test wasm" "--features tools --test wasm_tools"; do
  # shellcheck disable=SC2086 # the arguments are words
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome -- $args
done

step "page: build, then Playwright in Chromium"
scripts/build.sh
# Every export of the npm package is typed: no `any` before wasm-bindgen's raw module ABI.
for dts in pkg/headroom.d.ts pkg/tools/headroom_tools.d.ts; do
  if sed '/^export type InitInput/,$d' "$dts" | grep -nw any; then
    echo "$dts: an export's signature says any" >&2
    exit 1
  fi
done
# The two modules' exports do not overlap (initSync is each package's own loader).
exported() { grep -oE '^export (function|class) [A-Za-z_]+' "$1" | awk '{print $3}' | sort; }
both=$(comm -12 <(exported pkg/headroom.d.ts) <(exported pkg/tools/headroom_tools.d.ts) | grep -vx initSync || true)
if [ -n "$both" ]; then
  echo "exported by both wasm modules: $both" >&2
  exit 1
fi
playwright test
