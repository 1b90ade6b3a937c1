#!/usr/bin/env bash
# Proves the production topology without Docker: docker/Caddyfile in Debian's caddy, with its
# internal CA on loopback, in front of two built nodes and their inboxes. Checks that the sign-in
# page loads over HTTPS, that /openmsg/message-confirm/ answers protocol JSON, and that a handshake
# and a message go between the two nodes through both proxies. Also parses the compose files.
# (scripts/test.sh runs the same test with the rest.)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prepare_toolchain
ensure_chromium
ensure_caddy
cd "$REPO_ROOT"
pnpm turbo run build --filter @openmsg/server --filter @openmsg/web --output-logs=errors-only

compose_check() {
  local env_file
  env_file="$(mktemp)"
  sed 's/^POSTGRES_PASSWORD=$/POSTGRES_PASSWORD=check/' docker/.env.example > "$env_file"
  for file in docker/compose.yaml docker/compose.sqlite.yaml; do
    if docker compose version >/dev/null 2>&1; then
      docker compose -f "$file" --env-file "$env_file" config --quiet
    elif command -v docker-compose >/dev/null 2>&1; then
      docker-compose -f "$file" --env-file "$env_file" config -q
    else
      log "No docker compose client: $file not parsed"
      continue
    fi
    log "$file parses"
  done
  rm -f "$env_file"
}
compose_check
OPENMSG_DOMAIN=example.com caddy adapt --config docker/Caddyfile --adapter caddyfile >/dev/null
log "docker/Caddyfile is valid"

cd apps/web
pnpm exec playwright test e2e/behind-caddy.spec.ts
