#!/usr/bin/env bash
# Benchmarks, printed as tables (budgets in the issues; nothing here fails on a slow day):
# `evaluate` and the 200-point growth curve natively per preset (criterion), then the page in
# headless Chromium: wasm size,
# first load, first figures, slider to figures, `evaluate` through the wasm boundary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh
echo "== evaluate and the growth curve, native (criterion; [low median high] of the mean)"
cargo bench --quiet --bench evaluate --bench growth -- --noplot 2>/dev/null | grep -E "^evaluate|^growth|time:"
echo
echo "== the page in headless Chromium"
node bench/page.mjs
