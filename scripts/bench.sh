#!/usr/bin/env bash
# Benchmarks, printed as tables (budgets in the issues; nothing here fails on a slow day):
# `evaluate`, the queue alone, the 200-point growth curve, savings and sensitivity natively per preset
# (criterion), then the page in headless Chromium: wasm sizes, first load, first figures, slider
# to figures (with ranges, the growth chart, a comparison), and the tools module's calls.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh
echo "== evaluate, the growth curve, savings and sensitivity, native (criterion; [low median high] of the mean)"
cargo bench --quiet --bench evaluate --bench growth --bench decide -- --noplot 2>/dev/null | grep -E "^evaluate|^matching_preset|^queue|^growth|^savings|^sensitivity|time:"
echo
echo "== the page in headless Chromium"
node bench/page.mjs
