#!/usr/bin/env bash
# Real VS Code end to end: installs the packaged .vsix into code-server (VS Code
# 1.99 in headless Chromium, ../shared/tools/vscode-e2e), opens a config with a
# shrunk keepalive interval and passes when the K010 diagnostic shows in the
# Problems panel. Screenshot: target/vscode-e2e/proftpd.png.
#
# Env: PROFTPD_LINT (server binary; default: built with cargo build),
#      VSCODE_E2E_TOOL (the shared tool), VSCODE_E2E_HOME (its install prefix).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
tool=${VSCODE_E2E_TOOL:-$root/../shared/tools/vscode-e2e}
prefix=${VSCODE_E2E_HOME:-$root/.cache/vscode-e2e}
out=$root/target/vscode-e2e
mkdir -p "$out"

if [ -z "${PROFTPD_LINT:-}" ]; then
  cargo build --quiet --manifest-path "$root/Cargo.toml"
  PROFTPD_LINT=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')/debug/proftpd-lint
fi

"$tool/setup.sh" "$prefix" >&2
(cd "$root/editors/vscode" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run -s package) >&2

workspace=$(mktemp -d)
trap 'rm -rf "$workspace"' EXIT
mkdir -p "$workspace/etc/proftpd"
cp "$root/editors/testdata/proftpd.conf" "$workspace/etc/proftpd/proftpd.conf"

# One retry: the first start of a freshly installed code-server has been
# seen (once, on a loaded machine) to never activate the language client.
for attempt in 1 2; do
  if node "$tool/run.mjs" --prefix "$prefix" \
    --vsix "$root/editors/vscode/proftpd-lint.vsix" \
    --workspace "$workspace" --file "$workspace/etc/proftpd/proftpd.conf" \
    --setting "proftpd.server.path=\"$PROFTPD_LINT\"" \
    --setting 'proftpd.profile.platform="linux"' \
    --expect 'keepalive interval 10 s is below the 75 s default' \
    --screenshot "$out/proftpd.png" >"$out/diagnostics.jsonl"; then
    cat "$out/diagnostics.jsonl"
    exit 0
  fi
  echo "vscode-e2e: attempt $attempt failed" >&2
done
exit 1
