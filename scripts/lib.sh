# Shared by scripts/start.sh and scripts/test.sh: makes sure the toolchain is there.
# Source it; it changes nothing that is already in place.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="10.34.9"
export NEXT_TELEMETRY_DISABLED=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export TURBO_TELEMETRY_DISABLED=1

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get not found: install $* with your system's package manager" >&2
    exit 1
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

require_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js >= 20.19 is required (https://nodejs.org or your distribution's nodejs package)." >&2
    exit 1
  fi
  local version major minor
  version="$(node -p 'process.versions.node')"
  major="${version%%.*}"
  minor="$(echo "$version" | cut -d. -f2)"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Node.js >= 20.19 is required, found $version." >&2
    exit 1
  fi
}

# Native modules (better-sqlite3) build from source when no prebuilt binary can be fetched.
require_build_tools() {
  if ! command -v make >/dev/null 2>&1 || ! command -v g++ >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    log "Installing build tools (make, g++, python3) with apt"
    apt_install build-essential python3
  fi
}

# pnpm at a pinned version, installed into the repository (no global install, no root needed).
ensure_pnpm() {
  local tools="$REPO_ROOT/.tools"
  if [ ! -x "$tools/node_modules/.bin/pnpm" ] || [ "$("$tools/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
    log "Installing pnpm $PNPM_VERSION into .tools/"
    npm install --silent --no-audit --no-fund --prefix "$tools" "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
}

install_dependencies() {
  log "Installing dependencies"
  (cd "$REPO_ROOT" && pnpm install --frozen-lockfile --reporter=append-only | grep -v -E '^(Progress|\.\.\./)' | tail -n 5)
}

# The browser tests drive Debian's Chromium (Playwright downloads no browser here).
ensure_chromium() {
  if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
    log "Installing Chromium with apt (for the browser tests)"
    apt_install chromium
  fi
}

# The hosting test runs docker/Caddyfile with Debian's caddy (no Docker engine needed).
ensure_caddy() {
  if [ -z "${CADDY_PATH:-}" ] && [ ! -x /usr/bin/caddy ]; then
    log "Installing Caddy with apt (for the hosting test)"
    apt_install caddy
  fi
}

# The alert rules (docker/prometheus) are checked and unit-tested by Prometheus's promtool, which
# Debian's prometheus package ships. Installing it also installs the Prometheus server, which the
# package starts where systemd runs: it is stopped and disabled again, only promtool is wanted.
ensure_promtool() {
  if [ -z "${PROMTOOL_PATH:-}" ] && ! command -v promtool >/dev/null 2>&1; then
    log "Installing promtool with apt (Debian's prometheus package, for the alert rules' tests)"
    apt_install --no-install-recommends prometheus
    if [ -d /run/systemd/system ]; then as_root systemctl disable --now prometheus >/dev/null 2>&1 || true; fi
  fi
}

prepare_toolchain() {
  require_node
  require_build_tools
  ensure_pnpm
  install_dependencies
}
