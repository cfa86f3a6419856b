#!/usr/bin/env bash
# Fuzzes the share-link decoder with libFuzzer (cargo fuzz on nightly), starting from the
# golden link fixtures: `scripts/fuzz.sh [runs]` (default 2,000,000 executions). Installs the
# nightly toolchain and cargo-fuzz when missing. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# A scratch copy of the seeds, so the committed corpus stays the fixtures.
corpus=$(mktemp -d)
cp fuzz/corpus/link/* "$corpus"/
cargo +nightly fuzz run link "$corpus" -- -runs="${1:-2000000}" -max_len=4096 -print_final_stats=1
