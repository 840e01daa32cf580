#!/usr/bin/env bash
# The README's two commands end up here: `start` (the demo portal) and `test` (the whole suite).
# Both make sure the toolchain is present, install the workspace when needed, then run yarn.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh
sirsi_ensure_toolchain

install_workspace() {
  local stamp=node_modules/.sirsi-install-stamp
  if [ "${CI:-}" = "true" ]; then
    yarn install --immutable
  elif [ ! -f "$stamp" ] || [ yarn.lock -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    yarn install
  else
    return 0
  fi
  touch "$stamp"
}

cmd="${1:-}"
shift || true
case "$cmd" in
  start)
    install_workspace
    mkdir -p .data
    echo
    echo "  SirsiNexus Migrate is starting: open http://localhost:3000 (sign in as guest)."
    echo "  Backend API: http://localhost:7007/api/migration  ·  data kept in .data/"
    echo
    exec yarn dev "$@"
    ;;
  test)
    install_workspace
    exec bash scripts/test-all.sh "$@"
    ;;
  *)
    echo "usage: scripts/run.sh start|test" >&2
    exit 2
    ;;
esac
