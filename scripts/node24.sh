#!/usr/bin/env bash
# Provides Node.js >= 24.7 (argon2 in node:crypto, type stripping without flags).
# With a recent enough system Node nothing happens; otherwise Node 24 is installed from
# the npm registry (package node-linux-<arch>@24, no other download) into .node24/ and
# put first on PATH.
#   source scripts/node24.sh          # in a shell or script: PATH now has Node 24
#   scripts/node24.sh npm test        # run one command with Node 24
_bv_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_bv_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>24||(a===24&&b>=7)?0:1)' 2>/dev/null
}

if ! _bv_node_ok; then
  _bv_bin="$_bv_root/.node24/node_modules/node-linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')/bin"
  if [ ! -x "$_bv_bin/node" ]; then
    _bv_arch="$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
    echo "Node >= 24.7 not found: installing node-linux-${_bv_arch}@24 from the npm registry into .node24/ …" >&2
    npm install --prefix "$_bv_root/.node24" --no-save --no-audit --no-fund "node-linux-${_bv_arch}@24" >&2 || {
      echo "Could not install Node 24. Install Node.js 24 (https://nodejs.org) and try again." >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$_bv_bin:$PATH"
fi

# Executed (not sourced) with arguments: run them.
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then
  exec "$@"
fi
