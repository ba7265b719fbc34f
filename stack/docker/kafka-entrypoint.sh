#!/bin/bash
# The broker image's entrypoint: the local stack's broker (stack/kafka/broker.sh) in a container —
# one KRaft node, SCRAM sign-in, the ACLs of access.properties, the topics of topics.properties.
# Passwords: files named by user in /run/secrets/kafka when mounted (admin, each service, ops),
# otherwise made on first start and kept in the volume. Ready (the health check) once topics and
# access are applied.
set -euo pipefail
ROOT=/opt/cutover
KAFKA_LIBS=$ROOT/kafka-libs
KAFKA_ACCESS=$ROOT/stack/kafka/access.properties
KAFKA_LOG4J=$ROOT/stack/kafka/log4j2.properties
TOPICS_FILE=$ROOT/topics.properties
DATA=/var/lib/kafka
LOGS=$DATA/logs
export KAFKA_LISTEN_HOST=${KAFKA_LISTEN_HOST:-0.0.0.0} KAFKA_ADVERTISED_HOST=${KAFKA_ADVERTISED_HOST:-kafka}
say() { printf 'cutover-kafka: %s\n' "$*"; }
die() { say "$*" >&2; exit 1; }
source "$ROOT/stack/kafka/broker.sh"

rm -f "$DATA/ready"
mkdir -p "$DATA/credentials" "$LOGS"
if [[ -d /run/secrets/kafka ]]; then
  for secret in /run/secrets/kafka/*; do
    [[ -f $secret ]] && (umask 077 && tr -d '\n' <"$secret" >"$DATA/credentials/$(basename "$secret")")
  done
fi
kafka_credentials "$DATA"
kafka_write_config "$DATA" 9092 9093
kafka_format "$DATA" 9093

java -Xmx${KAFKA_HEAP:-384m} -XX:+UseSerialGC -Dlog4j2.configurationFile="$KAFKA_LOG4J" \
  -cp "$KAFKA_LIBS/*" kafka.Kafka "$DATA/server.properties" &
broker=$!
trap 'kill -TERM $broker' TERM INT

deadline=$((SECONDS + 120))
until kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 \
  --command-config "$DATA/admin.properties" --list >/dev/null 2>&1; do
  kill -0 "$broker" 2>/dev/null || die "the broker exited before it was ready"
  ((SECONDS < deadline)) || die "the broker was not ready within 120 s"
  sleep 1
done
kafka_topics 127.0.0.1:9092 "$DATA"
kafka_access 127.0.0.1:9092 "$DATA"
touch "$DATA/ready"
wait "$broker"
