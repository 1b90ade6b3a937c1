#!/usr/bin/env bash
# Builds the server and web images and checks that they work together the way
# docker/compose.sqlite.yaml runs them, with docker/.env.example left as it is plus a node key:
# the node's /readyz, the inbox's /sign-in, a sign-up through the inbox's port, that the account
# survives a restart of the server container (named volume for /data), and an online backup
# restored the way docs/operating.md says. With SMOKE_POSTGRES_URL (a database on loopback, e.g.
# postgresql://postgres@127.0.0.1:5432/openmsg_smoke) the server image also starts on PostgreSQL.
#
# Run by hand; not part of scripts/test.sh (needs docker or podman, and each build takes minutes):
#   bash scripts/image-smoke.sh
#   SMOKE_SKIP_BUILD=1 bash scripts/image-smoke.sh    # reuse openmsg-server:smoke, openmsg-web:smoke
#   SMOKE_KEEP=1 ...                                  # leave the containers running for a look
# Everything listens on 127.0.0.1 only (SMOKE_NODE_PORT, SMOKE_WEB_PORT; default 14000, 13000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '\033[1m[image-smoke]\033[0m %s\n' "$*"; }
fail() { printf '\033[31m[image-smoke] FAILED:\033[0m %s\n' "$*" >&2; exit 1; }

# docker if its daemon answers, else podman.
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  engine=docker build_flags=()
elif command -v podman >/dev/null 2>&1; then
  # podman's default OCI image format drops HEALTHCHECK; docker format keeps it.
  engine=podman build_flags=(--format docker)
else
  fail "neither a running docker nor podman found"
fi

node_port=${SMOKE_NODE_PORT:-14000}
web_port=${SMOKE_WEB_PORT:-13000}
run_id=$$
network=openmsg-smoke-$run_id
volume=openmsg-smoke-data-$run_id
server=openmsg-smoke-server-$run_id
web=openmsg-smoke-web-$run_id
work=$(mktemp -d)

cleanup() {
  if [[ "${SMOKE_KEEP:-}" == 1 ]]; then
    log "kept: containers $server $web, network $network, volume $volume"
  else
    $engine rm -f -v -t 5 "$web" "$server" >/dev/null 2>&1 || true
    $engine network rm "$network" >/dev/null 2>&1 || true
    $engine volume rm "$volume" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

seconds() { date +%s; }
size_mb() { $engine image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f", $1 / 1000 / 1000 }'; }

if [[ "${SMOKE_SKIP_BUILD:-}" != 1 ]]; then
  for image in server web; do
    log "building openmsg-$image:smoke with $engine"
    started=$(seconds)
    $engine build "${build_flags[@]}" -f "docker/$image.Dockerfile" -t "openmsg-$image:smoke" . >"$work/build-$image.log" 2>&1 \
      || { tail -40 "$work/build-$image.log"; fail "building the $image image"; }
    printf -v "build_secs_$image" '%s' "$(( $(seconds) - started ))"
  done
fi

# The server's environment as docker/compose.sqlite.yaml builds it from docker/.env (= .env.example):
# fixed values, ${VAR:-default} ones, and the optional names passed only when the file sets them.
declare -A dotenv=()
while IFS= read -r line; do
  if [[ "$line" =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]]; then dotenv[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}; fi
done <docker/.env.example
dotenv[OPENMSG_NODE_KEY]=$(openssl rand -hex 32)
server_env=(
  -e NODE_ENV=production
  -e "OPENMSG_DOMAIN=${dotenv[OPENMSG_DOMAIN]:?docker/.env.example sets no OPENMSG_DOMAIN}"
  -e "OPENMSG_REGISTRATION=${dotenv[OPENMSG_REGISTRATION]:-invite}"
  -e OPENMSG_TRUST_PROXY=true
  -e "LOG_LEVEL=${dotenv[LOG_LEVEL]:-info}"
)
for optional in OPENMSG_NODE_KEY OPENMSG_METRICS_TOKEN; do
  if [[ -v "dotenv[$optional]" ]]; then server_env+=(-e "$optional=${dotenv[$optional]}"); fi
done

$engine network create "$network" >/dev/null
$engine volume create "$volume" >/dev/null

start_server() {
  $engine run -d --name "$server" --network "$network" --network-alias server \
    -p "127.0.0.1:$node_port:4000" -v "$volume:/data" "${server_env[@]}" openmsg-server:smoke >/dev/null
}

# Waits until a URL answers 200 (at most $2 seconds).
wait_ok() {
  local url=$1 limit=$2 started
  started=$(seconds)
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" == 200 ]]; do
    (( $(seconds) - started < limit )) || return 1
    sleep 0.5
  done
}

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];process.stdout.write(typeof v==="string"?v:JSON.stringify(v))})' "$1"; }
admin() { $engine exec "$server" node apps/server/dist/cli/admin.js "$@"; }

log "starting the server (SQLite in volume $volume) and the inbox"
started=$(seconds)
start_server
wait_ok "http://127.0.0.1:$node_port/readyz" 120 || { $engine logs "$server" | tail -30; fail "the server did not become ready"; }
server_start_secs=$(( $(seconds) - started ))
log "server ready in ${server_start_secs}s: /readyz answers 200"
[[ "$($engine exec "$server" id -u)" != 0 ]] || fail "the server runs as root"

started=$(seconds)
$engine run -d --name "$web" --network "$network" -p "127.0.0.1:$web_port:3000" -e OPENMSG_NODE_URL=http://server:4000 openmsg-web:smoke >/dev/null
wait_ok "http://127.0.0.1:$web_port/sign-in" 120 || { $engine logs "$web" | tail -30; fail "the inbox did not serve /sign-in"; }
web_start_secs=$(( $(seconds) - started ))
curl -sf "http://127.0.0.1:$web_port/sign-in" | grep -qi 'sign in' || fail "/sign-in does not look like the sign-in page"
[[ "$($engine exec "$web" id -u)" != 0 ]] || fail "the inbox runs as root"
log "inbox ready in ${web_start_secs}s: /sign-in answers 200"

# OPENMSG_REGISTRATION=invite (as .env.example leaves it): an invitation from the admin CLI first.
invitation=$(admin create-invite --note smoke | json code)
[[ "$invitation" == inv_* ]] || fail "create-invite gave no code"
password="smoke-$(openssl rand -hex 8)"
register=$(curl -sS -w '\n%{http_code}' -H 'content-type: application/json' \
  -d "{\"displayName\":\"Smoke Test\",\"password\":\"$password\",\"invitationCode\":\"$invitation\"}" \
  "http://127.0.0.1:$web_port/api/v1/auth/register")
[[ "${register##*$'\n'}" == 201 ]] || fail "sign-up through the inbox answered: $register"
address=$(printf '%s' "${register%$'\n'*}" | json address)
log "signed up through the inbox's port as $address"

# Signs in through the inbox and reads /api/v1/me with the session cookie it set.
sign_in_and_read_me() {
  local headers="$work/login-headers" cookie
  curl -sS -D "$headers" -o "$work/login-body" -H 'content-type: application/json' \
    -d "{\"address\":\"$address\",\"password\":\"$password\"}" "http://127.0.0.1:$web_port/api/v1/auth/login" >/dev/null
  grep -q '^HTTP/[0-9.]* 200' "$headers" || fail "sign-in answered $(head -1 "$headers"): $(cat "$work/login-body")"
  cookie=$(grep -i '^set-cookie:' "$headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' | paste -sd';' -)
  curl -sSf -H "cookie: $cookie" "http://127.0.0.1:$web_port/api/v1/me" | json displayName
}
[[ "$(sign_in_and_read_me)" == "Smoke Test" ]] || fail "/api/v1/me after sign-in"

log "restarting the server container"
started=$(seconds)
$engine stop -t 40 "$server" >/dev/null
$engine start "$server" >/dev/null
wait_ok "http://127.0.0.1:$node_port/readyz" 120 || { $engine logs "$server" | tail -30; fail "the server did not come back"; }
restart_secs=$(( $(seconds) - started ))
[[ "$(sign_in_and_read_me)" == "Smoke Test" ]] || fail "the account did not survive the restart"
admin list-users | grep -qF "\"$address\"" || fail "list-users after the restart"
log "after the restart (${restart_secs}s) $address still signs in through the inbox"

# Backup and restore as docs/operating.md gives them: an online copy in the volume, copied out to
# the host, an account made after it, then the copy put back by a one-off container.
backup=$(admin backup --to /data/backups/smoke.db)
[[ "$(printf '%s' "$backup" | json check)" == ok ]] || fail "backup: $backup"
$engine cp "$server:/data/backups/smoke.db" "$work/smoke.db"
chmod 644 "$work/smoke.db"
chmod 755 "$work"
later=$(admin create-user --name "After Backup" | json address)
$engine stop -t 40 "$server" >/dev/null
$engine run --rm -v "$volume:/data" -v "$work:/restore:ro" openmsg-server:smoke \
  sh -c 'cp /restore/smoke.db /data/openmsg.db && rm -f /data/openmsg.db-wal /data/openmsg.db-shm'
$engine start "$server" >/dev/null
wait_ok "http://127.0.0.1:$node_port/readyz" 120 || { $engine logs "$server" | tail -30; fail "the server did not start on the restored copy"; }
users=$(admin list-users)
grep -qF "\"$address\"" <<<"$users" || fail "the restored copy lacks $address"
! grep -qF "\"$later\"" <<<"$users" || fail "the restored copy has $later, made after the backup"
[[ "$(sign_in_and_read_me)" == "Smoke Test" ]] || fail "sign-in on the restored copy"
log "backup ($(stat -c %s "$work/smoke.db") bytes, quick_check ok) copied out and restored: $address back, $later gone"

if [[ -n "${SMOKE_POSTGRES_URL:-}" ]]; then
  # Host network: the database listens on the host's loopback. The server gets a loopback port of its own.
  pg_port=$(( node_port + 1 ))
  $engine run -d --name "$server-pg" --network host "${server_env[@]}" -e HOST=127.0.0.1 -e "PORT=$pg_port" \
    -e "DATABASE_URL=$SMOKE_POSTGRES_URL" openmsg-server:smoke >/dev/null
  trap '$engine rm -f -v -t 5 "$server-pg" >/dev/null 2>&1 || true; cleanup' EXIT
  wait_ok "http://127.0.0.1:$pg_port/readyz" 120 || { $engine logs "$server-pg" | tail -30; fail "the server did not start on PostgreSQL"; }
  $engine exec "$server-pg" node apps/server/dist/cli/admin.js create-user --name "Postgres Smoke" | grep -q '"address"' || fail "create-user on PostgreSQL"
  log "the server image starts on PostgreSQL, applies its migrations and creates an account"
fi

log "all checks passed ($engine)"
printf '  %-22s %s\n' \
  "server image" "$(size_mb openmsg-server:smoke) MB${build_secs_server:+, built in ${build_secs_server}s}" \
  "web image" "$(size_mb openmsg-web:smoke) MB${build_secs_web:+, built in ${build_secs_web}s}" \
  "server start" "${server_start_secs}s (restart ${restart_secs}s)" \
  "inbox start" "${web_start_secs}s"
