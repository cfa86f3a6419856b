#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) headroom needs and is missing:
# the wasm32 target, wasm-pack, the wasm-bindgen-cli matching Cargo.toml's pin, the npm
# packages (binaryen's wasm-opt among them) and, with --browser, Debian's chromium,
# chromium-driver, poppler-utils and libreoffice-calc-nogui. Each step is skipped when its
# tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[ensure-tools] %s\n' "$*" >&2; }

# The wasm-bindgen crate is pinned exactly ("=X.Y.Z"); the CLI must be the same version.
bindgen_version=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)
[ -n "$bindgen_version" ] || { log "cannot read the wasm-bindgen pin from Cargo.toml"; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null; then
  log "installing wasm-pack (about 2 minutes)"
  cargo install wasm-pack --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  log "installing wasm-bindgen-cli $bindgen_version (about 4 minutes)"
  # Not --locked: its lock file names a version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund
fi

# The browser tests: Chromium and its driver, and poppler's pdftotext to read printed PDFs.
if [ "${1:-}" = "--browser" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/pdftotext ]; }; then
  log "installing Debian's chromium, chromium-driver and poppler-utils"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
fi

# LibreOffice Calc, headless, recalculates the exported workbook as a finance user's spreadsheet would.
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/soffice ]; then
  log "installing Debian's libreoffice-calc-nogui (about 2 minutes)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
fi
