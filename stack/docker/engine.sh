# stack/docker/engine.sh — sourced by bin/cutover: a reachable Docker engine and the base image every
# Cutover image starts from. Needs bin/cutover's say/warn/die/is_root and CUTOVER_HOME.

DOCKER_HOME=$CUTOVER_HOME/docker
# The base every image starts from; `debian:bookworm-slim` when it can be pulled, else one made here.
CUTOVER_BASE_IMAGE=${CUTOVER_BASE_IMAGE:-debian:bookworm-slim}
CUTOVER_IMAGE_PREFIX=${CUTOVER_IMAGE_PREFIX:-cutover}

docker_reachable() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Makes `docker` reach an engine: the one DOCKER_HOST or the default socket names, else (as root) a
# dockerd of our own under $CUTOVER_HOME/docker, installing docker.io and docker-compose when missing.
# Exports DOCKER_HOST for what runs after.
docker_engine() {
  docker_reachable && return 0
  local socket=$DOCKER_HOME/run/docker.sock
  export DOCKER_HOST=unix://$socket
  docker_reachable && return 0
  is_root || die "no Docker engine is reachable (DOCKER_HOST or /var/run/docker.sock), and starting one needs root"
  local -a missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  mkdir -p "$DOCKER_HOME/data" "$DOCKER_HOME/exec" "$DOCKER_HOME/run" "$LOGS"
  say "starting dockerd (data in $DOCKER_HOME, socket $socket)"
  start_detached "$RUN/dockerd.pid" "$LOGS/dockerd.log" "$DOCKER_HOME" \
    dockerd --data-root "$DOCKER_HOME/data" --exec-root "$DOCKER_HOME/exec" \
    --pidfile "$DOCKER_HOME/run/dockerd.pid" -H "$DOCKER_HOST"
  local deadline=$((SECONDS + 60))
  until docker_reachable; do
    ((SECONDS < deadline)) || { tail -n 20 "$LOGS/dockerd.log" >&2; die "dockerd did not come up (log: $LOGS/dockerd.log)"; }
    sleep 0.5
  done
}

# The Debian archive this machine installs from (no host name is written into the repository).
debian_archive() {
  local uri
  uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n 1)
  [[ -n $uri ]] || uri=$(sed -n 's/^deb \(http[^ ]*\) bookworm .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
  [[ -n $uri ]] || die "cannot tell which Debian archive this machine uses (/etc/apt/sources.list.d/debian.sources)"
  printf '%s\n' "$uri"
}

# Prints the base image's name, building it first when it is neither here nor pullable: Debian 12
# minbase from the archive this machine uses (debootstrap), imported as <prefix>/base:bookworm.
base_image() {
  if docker image inspect "$CUTOVER_BASE_IMAGE" >/dev/null 2>&1 ||
    timeout 60 docker pull -q "$CUTOVER_BASE_IMAGE" >/dev/null 2>&1; then
    printf '%s\n' "$CUTOVER_BASE_IMAGE"
    return 0
  fi
  local made=$CUTOVER_IMAGE_PREFIX/base:bookworm
  if ! docker image inspect "$made" >/dev/null 2>&1; then
    is_root || die "$CUTOVER_BASE_IMAGE cannot be pulled, and building a base with debootstrap needs root"
    command -v debootstrap >/dev/null || {
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    }
    local rootfs=$DOCKER_HOME/rootfs started=$SECONDS
    say "$CUTOVER_BASE_IMAGE cannot be pulled: building $made from Debian's archive with debootstrap" >&2
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$(debian_archive)" >"$LOGS/debootstrap.log" 2>&1 ||
      { tail -n 20 "$LOGS/debootstrap.log" >&2; die "debootstrap failed (log: $LOGS/debootstrap.log)"; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | docker import - "$made" >/dev/null || die "docker import of $rootfs failed"
    rm -rf "$rootfs"
    say "built $made in $((SECONDS - started)) s" >&2
  fi
  printf '%s\n' "$made"
}
