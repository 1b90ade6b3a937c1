#!/usr/bin/env bash
# Sets everything up and runs the Openmsg node on an embedded SQLite database (under ./data).
# Configuration comes from the environment (see docs/ and apps/server/src/config).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prepare_toolchain
cd "$REPO_ROOT"
log "Building"
pnpm turbo run build --output-logs=errors-only

export OPENMSG_DOMAIN="${OPENMSG_DOMAIN:-localhost}"
export OPENMSG_DATA_DIR="${OPENMSG_DATA_DIR:-$REPO_ROOT/data}"
export PORT="${PORT:-4000}"
mkdir -p "$OPENMSG_DATA_DIR"

log "Starting the node for $OPENMSG_DOMAIN on http://localhost:$PORT (Ctrl+C stops it)"
exec node apps/server/dist/main.js
