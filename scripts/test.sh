#!/usr/bin/env bash
# Runs every check and test: typecheck, lint, the server's three tiers (unit, in-process, real
# processes; SQLite and PostgreSQL, real HTTP between real nodes; see apps/server/test/README.md)
# and browser tests. Installs what it needs first. The alert rules' promtool checks and unit tests
# run in the server's in-process tier (test/in-process/operations/dashboards-and-alerts.test.ts).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$REPO_ROOT/scripts/test-services.sh"

prepare_toolchain
ensure_test_postgres
ensure_chromium
ensure_caddy
ensure_promtool

cd "$REPO_ROOT"
rm -rf apps/*/test-results packages/*/test-results docker/*/test-results
log "Build, typecheck and lint"
pnpm turbo run build typecheck lint --output-logs=errors-only
pnpm run --silent format:check
log "Tests"
status=0
pnpm --filter @openmsg/core test || status=1
pnpm --filter @openmsg/client test || status=1
# The Dockerfiles copy every workspace package and input their install and build need (docker/dockerfile-check).
pnpm exec vitest run --root docker/dockerfile-check --reporter=default --reporter=json --outputFile=test-results/results.json || status=1
# The server's process tier (real node processes: restarts, leases, retries) mostly waits, so it runs
# in the background from the start while the parallel tiers and then the browser tests use the cores.
OPENMSG_TEST_BESIDE="cd '$REPO_ROOT' && pnpm --filter @openmsg/web test" pnpm --filter @openmsg/server test || status=1
node scripts/test-summary.mjs || status=1
exit "$status"
