#!/usr/bin/env bash
# Builds the model to WebAssembly (pkg/) and the page to the static folder www/dist/.
# Expects the tools of scripts/ensure-tools.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# binaryen's wasm-opt from npm first: Debian's is too old for current wasm-bindgen output.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
wasm-pack --quiet build --release --target web --out-dir pkg --no-pack
tsc --noEmit -p www
vite build --logLevel warn
