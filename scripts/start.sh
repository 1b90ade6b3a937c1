#!/usr/bin/env bash
# Sets everything up and runs an Openmsg node and its web inbox on an embedded SQLite database
# (under ./data). Open http://localhost:3000. Configuration comes from the environment (README).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prepare_toolchain
cd "$REPO_ROOT"
log "Building"
pnpm turbo run build --output-logs=errors-only

export OPENMSG_DOMAIN="${OPENMSG_DOMAIN:-localhost}"
export OPENMSG_DATA_DIR="${OPENMSG_DATA_DIR:-$REPO_ROOT/data}"
# Plain HTTP on this machine: a Secure cookie would not be sent back by every browser.
export OPENMSG_COOKIE_SECURE="${OPENMSG_COOKIE_SECURE:-false}"
NODE_PORT="${NODE_PORT:-4000}"
WEB_PORT="${WEB_PORT:-3000}"
mkdir -p "$OPENMSG_DATA_DIR"

# The node listens on loopback; the web inbox serves the browser and passes /api and /openmsg to it.
PORT="$NODE_PORT" HOST="${NODE_HOST:-127.0.0.1}" node apps/server/dist/main.js &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null' EXIT INT TERM
node -e '
  const url = `http://127.0.0.1:${process.argv[1]}/readyz`;
  const deadline = Date.now() + 60_000;
  (async () => {
    for (;;) {
      try { if ((await fetch(url)).ok) return; } catch {}
      if (Date.now() > deadline) { console.error("the node did not become ready"); process.exit(1); }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
' "$NODE_PORT"

log "Openmsg for $OPENMSG_DOMAIN: open http://localhost:$WEB_PORT (Ctrl+C stops it)"
cd apps/web
OPENMSG_NODE_URL="http://127.0.0.1:$NODE_PORT" node node_modules/next/dist/bin/next start -p "$WEB_PORT" &
web_pid=$!
trap 'kill "$web_pid" "$node_pid" 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
wait -n "$node_pid" "$web_pid"
