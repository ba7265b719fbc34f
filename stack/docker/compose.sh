# stack/docker/compose.sh — sourced by bin/cutover: `bin/cutover compose-secrets` makes what
# docker-compose.yml reads and the repository never holds, under $CUTOVER_HOME/compose (once; kept):
#   secrets/postgres/<role>   control database roles' passwords (owned by the image's postgres, uid 999)
#   secrets/targets/<role>    the demo targets' postgres (the owner migration-service uses) and cutover_reader
#   secrets/kafka/<user>      broker users' passwords (owned by uid 185, the broker's user)
#   env/<service>.env         each service's own passwords, and nothing of another's
# and the signing keys in $CUTOVER_HOME/jwt (as for the local stack, so `bin/cutover token` works).

compose_secret() {
  local file=$1 owner=$2
  if [[ ! -s $file ]]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
  fi
  chown "$owner" "$file" 2>/dev/null || true
  chmod 600 "$file"
}

cmd_compose_secrets() {
  local dir=$CUTOVER_HOME/compose s role user
  mkdir -p "$dir/env"
  chmod 755 "$dir"
  for role in cutover_migration cutover_benchmark cutover_monitoring cutover_checkpoint cutover_notification cutover_reader; do
    compose_secret "$dir/secrets/postgres/$role" 999:999
  done
  compose_secret "$dir/secrets/targets/postgres" 999:999
  compose_secret "$dir/secrets/targets/cutover_reader" 999:999
  for user in admin ops "${SERVICES[@]}"; do compose_secret "$dir/secrets/kafka/$user" 185:0; done
  chmod 755 "$dir/secrets" "$dir/secrets/postgres" "$dir/secrets/targets" "$dir/secrets/kafka"
  for s in "${SERVICES[@]}"; do
    local target_password
    case $s in
      migration-service) target_password=$(<"$dir/secrets/targets/postgres") ;;
      benchmark-service | monitoring-service) target_password=$(<"$dir/secrets/targets/cutover_reader") ;;
      *) target_password='' ;;
    esac
    (umask 077 && cat >"$dir/env/$s.env" <<ENV
CUTOVER_DB_PASSWORD=$(<"$dir/secrets/postgres/cutover_${s%-service}")
CUTOVER_KAFKA_PASSWORD=$(<"$dir/secrets/kafka/$s")
CUTOVER_TARGET_PASSWORD=$target_password
ENV
    )
  done
  jwt_keys
  chmod 755 "$JWT_DIR"
  chmod 644 "$JWT_DIR/keys.json"
  for s in "${SERVICES[@]}"; do chown 185:0 "$JWT_DIR/$s.pem" 2>/dev/null || true; done
  say "compose secrets in $dir (passwords, one env file per service) and keys in $JWT_DIR"
}
