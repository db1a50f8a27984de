#!/usr/bin/env bash
# Editor checks for CI, cheapest first. Usage: editors/ci.sh [vscode-e2e]
#   always: extension type check and eslint, grammar tests, .vsix packaging, Neovim headless test
#   with vscode-e2e: also the real VS Code test (code-server + Chromium, see docs/lsp.md)
# PROFTPD_LINT may name a built server; otherwise cargo builds one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PROFTPD_LINT:-}" ]; then
  cargo build --quiet --manifest-path "$root/Cargo.toml"
  target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  export PROFTPD_LINT=$target/debug/proftpd-lint
fi
cd "$root/editors/vscode"
npm ci --no-audit --no-fund
npm run -s typecheck
npm run -s lint
npm run -s test:grammar
npm run -s test:unit
npm run -s package
"$root/editors/neovim/test/run.sh"
if [ "${1:-}" = vscode-e2e ]; then
  "$root/editors/vscode/e2e/run.sh"
fi
