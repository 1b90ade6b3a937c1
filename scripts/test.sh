#!/usr/bin/env bash
# Runs every check and test: typecheck, lint, the server's three tiers (unit, in-process, real
# processes; SQLite and PostgreSQL, real HTTP between real nodes; see apps/server/test/README.md)
# and browser tests. Installs what it needs first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$REPO_ROOT/scripts/test-services.sh"

prepare_toolchain
ensure_test_postgres
ensure_chromium
ensure_caddy

cd "$REPO_ROOT"
rm -rf apps/*/test-results packages/*/test-results
log "Build, typecheck and lint"
pnpm turbo run build typecheck lint --output-logs=errors-only
pnpm run --silent format:check
log "Tests"
status=0
pnpm turbo run test --concurrency=1 --output-logs=full || status=$?
node scripts/test-summary.mjs || status=1
exit "$status"
