# The services the tests talk to for real. Sourced by scripts/test.sh.

# Tests use PostgreSQL at OPENMSG_TEST_POSTGRES_URL (default: trust auth as postgres on 127.0.0.1:5432,
# as on the dev and CI machines). On a machine without it, install Debian's server and give the
# postgres user a password the tests use.
ensure_test_postgres() {
  export OPENMSG_TEST_POSTGRES_URL="${OPENMSG_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
  if pg_answers "$OPENMSG_TEST_POSTGRES_URL"; then return 0; fi
  log "No PostgreSQL answers at 127.0.0.1:5432: installing Debian's postgresql for the tests"
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
  local cluster
  cluster="$(ls /etc/postgresql | sort -V | tail -n 1)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || true
  for _ in $(seq 1 30); do
    as_root su postgres -c "psql -qc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  export OPENMSG_TEST_POSTGRES_URL="postgresql://postgres:postgres@127.0.0.1:5432/postgres"
  pg_answers "$OPENMSG_TEST_POSTGRES_URL" || { echo "PostgreSQL could not be reached at 127.0.0.1:5432" >&2; exit 1; }
}

pg_answers() {
  (cd "$REPO_ROOT/apps/server" 2>/dev/null || cd "$REPO_ROOT"
   node -e "
     const { Client } = require('pg');
     const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
     c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
   " "$1") >/dev/null 2>&1
}
