#!/usr/bin/env bash
# Fuzzes with libFuzzer (cargo fuzz on nightly), starting from the golden link fixtures:
# `scripts/fuzz.sh [runs] [target]` (default 2,000,000 executions of `link`). Targets: `link`,
# the share-link decoder (any bytes, and re-signed: a scenario read survives its own link), and
# `estimate`, every link the planner accepts evaluated and its estimate checked (finite, adding
# up, no negative month or share). Installs the nightly toolchain and cargo-fuzz when missing.
# Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# A scratch copy of the seeds, so the committed corpus stays the fixtures.
corpus=$(mktemp -d)
cp fuzz/corpus/link/* "$corpus"/
# No AddressSanitizer (`-s none`): the crate has no unsafe code, and the sanitizer slows every
# run about threefold; integer overflow checks stay on (cargo fuzz builds with debug assertions).
cargo +nightly fuzz run -s none "${2:-link}" "$corpus" -- -runs="${1:-2000000}" -max_len=4096 -print_final_stats=1
