# stack/docker/images.sh — sourced by bin/cutover: `bin/cutover images` builds Cutover's images from
# this repository only (no registry is needed): the base (stack/docker/engine.sh), PostgreSQL with
# PostGIS, the JRE image, the broker and one image per service, each tagged <prefix>/<name>:<git revision> and :latest, and reports their
# build times and sizes.

# image_build <name> <context> <docker build args...>: builds and tags one image, prints its time.
image_build() {
  local name=$1 context=$2 started=$SECONDS log=$LOGS/image-$1.log
  shift 2
  local image=$CUTOVER_IMAGE_PREFIX/$name
  if ! docker build --label "org.opencontainers.image.revision=$IMAGE_REVISION" \
    --build-arg "REVISION=$IMAGE_REVISION" -t "$image:$IMAGE_REVISION" -t "$image:latest" "$@" "$context" \
    >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "building $image failed (log: $log)"
  fi
  say "built $image:$IMAGE_REVISION in $((SECONDS - started)) s"
}

# The broker image's build context: the local stack's broker jars and stack/kafka, as the image lays them out.
kafka_image_context() {
  local context=$DOCKER_HOME/context/kafka
  ensure_kafka_libs
  rm -rf "$context"
  mkdir -p "$context/stack/kafka"
  cp -r "$KAFKA_LIBS" "$context/kafka-libs"
  cp "$ROOT/stack/kafka/broker.sh" "$KAFKA_ACCESS" "$KAFKA_LOG4J" "$context/stack/kafka/"
  cp "$TOPICS_FILE" "$ROOT/stack/docker/kafka-entrypoint.sh" "$context/"
  printf '%s\n' "$context"
}

# The PostgreSQL image's build context: the control database's roles and the entrypoint.
postgres_image_context() {
  local context=$DOCKER_HOME/context/postgres
  rm -rf "$context"
  mkdir -p "$context"
  cp "$ROOT/sql/control/roles.sql" "$ROOT/stack/docker/postgres-entrypoint.sh" "$context/"
  printf '%s\n' "$context"
}

# The port a service listens on by default: the one its application.properties gives.
service_default_port() {
  sed -n 's/^quarkus\.http\.port=\${CUTOVER_HTTP_PORT:\([0-9]*\)}$/\1/p' "$ROOT/$1/src/main/resources/application.properties"
}

cmd_images() {
  local started=$SECONDS base s port
  docker_engine
  IMAGE_REVISION=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  base=$(base_image)
  build_services "${SERVICES[@]}"
  image_build jre "$ROOT/stack/docker" -f "$ROOT/stack/docker/jre.Dockerfile" --build-arg "BASE=$base"
  image_build postgres "$(postgres_image_context)" -f "$ROOT/stack/docker/postgres.Dockerfile" --build-arg "BASE=$base"
  image_build kafka "$(kafka_image_context)" -f "$ROOT/stack/docker/kafka.Dockerfile" \
    --build-arg "JRE=$CUTOVER_IMAGE_PREFIX/jre:$IMAGE_REVISION"
  for s in "${SERVICES[@]}"; do
    port=$(service_default_port "$s")
    [[ -n $port ]] || die "$s/src/main/resources/application.properties gives no default quarkus.http.port"
    local -a extra=()
    # BACKUP runs pg_dump; it must be the major version of the targets (15)
    [[ $s == migration-service ]] && extra=(--build-arg "PACKAGES=postgresql-client-15")
    image_build "$s" "$ROOT/$s/target/quarkus-app" -f "$ROOT/stack/docker/service.Dockerfile" \
      --build-arg "JRE=$CUTOVER_IMAGE_PREFIX/jre:$IMAGE_REVISION" --build-arg "SERVICE=$s" --build-arg "PORT=$port" \
      "${extra[@]}"
  done
  say "images built in $((SECONDS - started)) s:"
  docker image ls --filter "reference=$CUTOVER_IMAGE_PREFIX/*:$IMAGE_REVISION" --format '  {{.Repository}}:{{.Tag}}  {{.Size}}'
}
