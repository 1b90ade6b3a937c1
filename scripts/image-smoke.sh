#!/usr/bin/env bash
# Builds the server and web images, then runs docker/compose.sqlite.yaml as written, with
# docker/.env made from docker/.env.example plus a node key, and checks what an operator does:
# the stack comes up (`up -d --build`, reusing the layers just built), Caddy serves HTTPS (for
# `localhost`, from its local CA: the stand-in for a certificate from the internet) and the chain is
# verified, the node got its key from docker/.env, both images keep their HEALTHCHECK, every compose
# command docs/operating.md gives works as written (create-invite, backup, copying it out, restoring
# it with `run`), a sign-up through Caddy, the account surviving a restart, and `down` letting the
# node stop gracefully. With SMOKE_POSTGRES_URL (a database on loopback, e.g.
# postgresql://postgres@127.0.0.1:5432/openmsg_smoke) the server image also starts on PostgreSQL.
#
# Run by hand before resolving anything that touches dependencies, the workspace layout or docker/
# (docs/operating.md "The images"); not part of scripts/test.sh (each build takes minutes):
#   bash scripts/image-smoke.sh
#   SMOKE_SKIP_BUILD=1 bash scripts/image-smoke.sh    # reuse openmsg-server:smoke, openmsg-web:smoke
#   SMOKE_KEEP=1 ...                                  # leave the stack running for a look
# Needs docker with Compose v2, or podman with podman-compose. Without Docker Hub (these build
# machines), `bash scripts/local-base-images.sh` makes local stand-ins for the base images first.
# Caddy's host ports: SMOKE_HTTP_PORT, SMOKE_HTTPS_PORT (default 18080, 18443). A docker/.env of yours
# is kept aside while it runs and put back after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '\033[1m[image-smoke]\033[0m %s\n' "$*"; }
fail() { printf '\033[31m[image-smoke] FAILED:\033[0m %s\n' "$*" >&2; exit 1; }

# docker if its daemon answers, else podman.
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  engine=docker build_flags=() compose_cmd=(docker compose) down_flags=()
elif command -v podman >/dev/null 2>&1; then
  # podman's default OCI image format drops HEALTHCHECK; docker format keeps it (BUILDAH_FORMAT for compose's builds).
  engine=podman build_flags=(--format docker) compose_cmd=(podman-compose) down_flags=(-t 40)
  export BUILDAH_FORMAT=docker
  command -v podman-compose >/dev/null || fail "podman-compose not found (apt-get install podman-compose)"
else
  fail "neither a running docker nor podman found"
fi

file=docker/compose.sqlite.yaml
compose() { "${compose_cmd[@]}" -f "$file" "$@"; }
http_port=${SMOKE_HTTP_PORT:-18080}
https_port=${SMOKE_HTTPS_PORT:-18443}
work=$(mktemp -d)
base="https://localhost:$https_port"

restore_env() {
  if [[ -f "$work/own.env" ]]; then mv "$work/own.env" docker/.env; else rm -f docker/.env; fi
}
cleanup() {
  if [[ "${SMOKE_KEEP:-}" == 1 ]]; then
    log "kept: the stack of $file (stop it with: ${compose_cmd[*]} -f $file down ${down_flags[*]} -v), docker/.env left in place"
  else
    compose down -v "${down_flags[@]}" >/dev/null 2>&1 || true
    [[ -n "${pg_container:-}" ]] && $engine rm -f -v -t 5 "$pg_container" >/dev/null 2>&1
    restore_env
  fi
  rm -rf "$work"
}

seconds() { date +%s; }
size_mb() { $engine image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f", $1 / 1000 / 1000 }'; }

if $engine ps -a --format '{{.Names}}' | grep -qE '^openmsg[_-]'; then
  fail "containers of a compose project called openmsg exist already (this script runs the compose file as written, project openmsg): stop them first"
fi
[[ ! -f docker/.env ]] || cp docker/.env "$work/own.env"
trap cleanup EXIT

if [[ "${SMOKE_SKIP_BUILD:-}" != 1 ]]; then
  for image in server web; do
    log "building openmsg-$image:smoke with $engine"
    started=$(seconds)
    $engine build "${build_flags[@]}" -f "docker/$image.Dockerfile" -t "openmsg-$image:smoke" . >"$work/build-$image.log" 2>&1 \
      || { tail -40 "$work/build-$image.log"; fail "building the $image image"; }
    printf -v "build_secs_$image" '%s' "$(( $(seconds) - started ))"
  done
fi

# docker/.env as an operator writes it: the example, a key (uncommented), localhost as the domain
# (Caddy then certifies it from its own local CA: no ACME, no internet) and free host ports.
node_key=$(openssl rand -hex 32)
sed -e "s/^OPENMSG_DOMAIN=.*/OPENMSG_DOMAIN=localhost/" -e "s/^#OPENMSG_NODE_KEY=.*/OPENMSG_NODE_KEY=$node_key/" \
  -e "s/^#OPENMSG_HTTP_PORT=.*/OPENMSG_HTTP_PORT=$http_port/" -e "s/^#OPENMSG_HTTPS_PORT=.*/OPENMSG_HTTPS_PORT=$https_port/" \
  docker/.env.example >docker/.env
grep -q "^OPENMSG_NODE_KEY=$node_key" docker/.env || fail "docker/.env.example no longer has the #OPENMSG_NODE_KEY= line this script fills in"

# Waits until a URL answers 200 (at most $2 seconds); extra curl options after.
wait_ok() {
  local url=$1 limit=$2 started
  shift 2
  started=$(seconds)
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url" || true)" == 200 ]]; do
    (( $(seconds) - started < limit )) || return 1
    sleep 0.5
  done
}

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];process.stdout.write(typeof v==="string"?v:JSON.stringify(v))})' "$1"; }
# The documented form: compose -f <file> exec server node apps/server/dist/cli/admin.js ...
admin() { compose exec -T server node apps/server/dist/cli/admin.js "$@"; }

log "compose up: $file as written (docker/.env from the example, domain localhost)"
started=$(seconds)
compose up -d --build >"$work/compose-up.log" 2>&1 || { tail -40 "$work/compose-up.log"; fail "compose up"; }
# Caddy's local CA root, so that curl verifies the whole chain instead of skipping it.
root_ca="$work/caddy-root.crt"
until compose exec -T caddy cat /data/caddy/pki/authorities/local/root.crt >"$root_ca" 2>/dev/null && [[ -s "$root_ca" ]]; do
  (( $(seconds) - started < 120 )) || { compose logs caddy | tail -30; fail "Caddy made no local CA"; }
  sleep 1
done
tls=(--cacert "$root_ca")
wait_ok "$base/api/v1/node" 180 "${tls[@]}" || { compose logs server | tail -30; fail "the node did not answer through Caddy"; }
wait_ok "$base/sign-in" 120 "${tls[@]}" || { compose logs web | tail -30; fail "the inbox did not answer through Caddy"; }
stack_secs=$(( $(seconds) - started ))
curl -sf "${tls[@]}" "$base/sign-in" | grep -qi 'sign in' || fail "/sign-in does not look like the sign-in page"
[[ "$(curl -sf "${tls[@]}" "$base/api/v1/node" | json domain)" == localhost ]] || fail "/api/v1/node through Caddy"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$http_port/sign-in")" =~ ^30[178]$ ]] || fail "plain HTTP does not redirect to HTTPS"
log "stack up in ${stack_secs}s: HTTPS verified against Caddy's local CA, node and inbox answer"

for service in server web; do
  [[ "$(compose exec -T $service id -u | tr -d '\r')" != 0 ]] || fail "the $service container runs as root"
done
for image in openmsg-server openmsg-web; do
  [[ "$($engine image inspect --format '{{json .Config.Healthcheck}}' "$image")" == *CMD* ]] || fail "$image (built by compose) has no HEALTHCHECK"
done
! compose logs server 2>&1 | grep -q 'ENCRYPTION AT REST IS OFF' || fail "the node started without the OPENMSG_NODE_KEY of docker/.env"
! compose logs server 2>&1 | grep -qF "$node_key" || fail "the node logged its key"
log "both containers run as a user, both images have a HEALTHCHECK, the node has its key from docker/.env"

# OPENMSG_REGISTRATION=invite (as .env.example leaves it): an invitation from the documented command.
invitation=$(admin create-invite --note smoke | json code)
[[ "$invitation" == inv_* ]] || fail "create-invite gave no code"
password="smoke-$(openssl rand -hex 8)"
register=$(curl -sS "${tls[@]}" -w '\n%{http_code}' -H 'content-type: application/json' \
  -d "{\"displayName\":\"Smoke Test\",\"password\":\"$password\",\"invitationCode\":\"$invitation\"}" \
  "$base/api/v1/auth/register")
[[ "${register##*$'\n'}" == 201 ]] || fail "sign-up through Caddy answered: $register"
address=$(printf '%s' "${register%$'\n'*}" | json address)
log "signed up through Caddy as $address with an invitation from compose exec"

# Signs in through Caddy and reads /api/v1/me with the session cookie it set.
sign_in_and_read_me() {
  local headers="$work/login-headers" cookie
  curl -sS "${tls[@]}" -D "$headers" -o "$work/login-body" -H 'content-type: application/json' \
    -d "{\"address\":\"$address\",\"password\":\"$password\"}" "$base/api/v1/auth/login" >/dev/null
  grep -q '^HTTP/[0-9.]* 200' "$headers" || fail "sign-in answered $(head -1 "$headers"): $(cat "$work/login-body")"
  cookie=$(grep -i '^set-cookie:' "$headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' | paste -sd';' -)
  curl -sSf "${tls[@]}" -H "cookie: $cookie" "$base/api/v1/me" | json displayName
}
[[ "$(sign_in_and_read_me)" == "Smoke Test" ]] || fail "/api/v1/me after sign-in"

log "compose restart server"
started=$(seconds)
compose restart server >/dev/null
wait_ok "$base/api/v1/node" 120 "${tls[@]}" || { compose logs server | tail -30; fail "the server did not come back"; }
restart_secs=$(( $(seconds) - started ))
[[ "$(sign_in_and_read_me)" == "Smoke Test" ]] || fail "the account did not survive the restart"
admin list-users | grep -qF "\"$address\"" || fail "list-users after the restart"
log "after the restart (${restart_secs}s) $address still signs in"

# Backup and restore exactly as docs/operating.md gives them (C = the compose command with -f).
day=$(date +%F)
backup=$(admin backup --to "/data/backups/openmsg-$day.db")
[[ "$(printf '%s' "$backup" | json check)" == ok ]] || fail "backup: $backup"
(cd "$work" && "${compose_cmd[@]}" -f "$OLDPWD/$file" exec -T server cat "/data/backups/openmsg-$day.db" >"openmsg-$day.db")
[[ "$(head -c 15 "$work/openmsg-$day.db")" == "SQLite format 3" ]] || fail "the backup copied out with exec -T cat is not a SQLite file"
compose exec -T server rm "/data/backups/openmsg-$day.db"
later=$(admin create-user --name "After Backup" | json address)
compose stop server >/dev/null
chmod 755 "$work" && chmod 644 "$work/openmsg-$day.db"
compose run --rm --no-deps -v "$work:/restore:ro" server \
  sh -c "cp /restore/openmsg-$day.db /data/openmsg.db && rm -f /data/openmsg.db-wal /data/openmsg.db-shm" >/dev/null
compose start server >/dev/null
wait_ok "$base/api/v1/node" 120 "${tls[@]}" || { compose logs server | tail -30; fail "the server did not start on the restored copy"; }
users=$(admin list-users)
grep -qF "\"$address\"" <<<"$users" || fail "the restored copy lacks $address"
! grep -qF "\"$later\"" <<<"$users" || fail "the restored copy has $later, made after the backup"
[[ "$(sign_in_and_read_me)" == "Smoke Test" ]] || fail "sign-in on the restored copy"
log "backup ($(stat -c %s "$work/openmsg-$day.db") bytes, check ok) copied out with exec -T and restored with run: $address back, $later gone"

if [[ -n "${SMOKE_POSTGRES_URL:-}" ]]; then
  # Host network: the database listens on the host's loopback. The server gets a loopback port of its own.
  pg_port=$(( https_port + 1 ))
  pg_container=openmsg-smoke-pg-$$
  $engine run -d --name "$pg_container" --network host -e NODE_ENV=production -e OPENMSG_DOMAIN=localhost \
    -e OPENMSG_NODE_KEY="$node_key" -e HOST=127.0.0.1 -e "PORT=$pg_port" -e "DATABASE_URL=$SMOKE_POSTGRES_URL" openmsg-server >/dev/null
  wait_ok "http://127.0.0.1:$pg_port/readyz" 120 || { $engine logs "$pg_container" | tail -30; fail "the server did not start on PostgreSQL"; }
  $engine exec "$pg_container" node apps/server/dist/cli/admin.js create-user --name "Postgres Smoke" | grep -q '"address"' || fail "create-user on PostgreSQL"
  log "the server image starts on PostgreSQL, applies its migrations and creates an account"
fi

log "compose down ${down_flags[*]}: the node stops gracefully"
if [[ "${SMOKE_KEEP:-}" != 1 ]]; then
  started=$(seconds)
  compose down "${down_flags[@]}" >"$work/down.log" 2>&1 || { cat "$work/down.log"; fail "compose down"; }
  down_secs=$(( $(seconds) - started ))
fi

log "all checks passed ($engine, ${compose_cmd[*]})"
printf '  %-22s %s\n' \
  "server image" "$(size_mb openmsg-server:smoke) MB${build_secs_server:+, built in ${build_secs_server}s}" \
  "web image" "$(size_mb openmsg-web:smoke) MB${build_secs_web:+, built in ${build_secs_web}s}" \
  "stack up (compose)" "${stack_secs}s (server restart ${restart_secs}s${down_secs:+, down ${down_secs}s})"
