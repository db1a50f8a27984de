#!/usr/bin/env bash
# Neovim (Debian package `neovim`) headless as the LSP client.
# Env: PROFTPD_LINT (server binary; default: built with cargo build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
if [ -z "${PROFTPD_LINT:-}" ]; then
  cargo build --quiet --manifest-path "$root/Cargo.toml"
  target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  PROFTPD_LINT=$target/debug/proftpd-lint
fi
export PROFTPD_LINT
export CONFIG=$root/editors/testdata/proftpd.conf
exec timeout 60 nvim --headless --clean -n -c "luafile $here/diagnostics.lua" 2>&1
