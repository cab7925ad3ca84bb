#!/usr/bin/env bash
# Installs what the project needs and skips what is already there, so a bare machine and CI need only
# `make run` or `make test`.   Usage: scripts/setup.sh build|test|contract
#   build:    wasm target, trunk, wasm-bindgen-cli (the version in Cargo.lock), the wasm splitter,
#             npm packages (wasm-opt, esbuild)
#   test:     the same, plus Debian's chromium and chromium-driver for the browser tests, Debian's
#             postgresql for the gateway's PostgreSQL tests, and contract
#   contract: a Python virtual environment with the contract checks' tools (tests/contract/requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-build}
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# The splitter that cargo-leptos --split uses, pinned with wasm-bindgen (0.2.128 once broke splitting):
# change both together and check that every area still opens (tests/e2e/app.spec.ts).
WASM_SPLIT_VERSION=0.2.4
say() { echo "setup: $*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root to run: $*" >&2; exit 1; fi
}

apt_install() {
  say "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# PyPI packages, pinned, in target/contract-venv; redone when the requirements change.
contract_venv() {
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    apt_install python3 python3-venv
  fi
  local venv=target/contract-venv want
  want=$(sha256sum tests/contract/requirements.txt | cut -d' ' -f1)
  if [ "$(cat "$venv/.installed" 2>/dev/null)" != "$want" ]; then
    say "installing the contract checks' Python packages"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r tests/contract/requirements.txt
    echo "$want" > "$venv/.installed"
  fi
}

if [ "$mode" = contract ]; then
  contract_venv
  say "ready ($mode)"
  exit 0
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must equal the wasm-bindgen crate in Cargo.lock. No --locked: its lockfile names a crate the
# registry no longer has.
wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
  say "installing wasm-bindgen-cli $wbg"
  cargo install wasm-bindgen-cli --version "$wbg" --force
fi

if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# npm packages (binaryen's wasm-opt, esbuild, Playwright, axe-core) exactly as locked; redone when the lock changes.
stamp=node_modules/.installed-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

if [ "$mode" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  # A throwaway PostgreSQL server for the gateway's tests (scripts/with-postgres.sh).
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql
  fi
  contract_venv
fi
say "ready ($mode)"
