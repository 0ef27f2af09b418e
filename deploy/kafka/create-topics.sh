#!/bin/sh
# Creates Chuishao's topics and their dead-letter topics, idempotently, then (re)applies their
# configuration. Run as a one-shot job with the apache/kafka image: by docker-compose.yml
# (service kafka-topics) and by deploy/k8s/kafka-topics.yaml, which carries a verbatim copy of this
# file (tests/unit/deploy checks that the two stay identical).
#
# Environment:
#   KAFKA_BOOTSTRAP_SERVERS    where the brokers are (required): their INTERNAL listener with SASL
#   CHUISHAO_KAFKA_ADMIN_PASSWORD  the super user's password on a secured cluster (or KAFKA_COMMAND_CONFIG)
#   CHUISHAO_TOPIC_PREFIX      the services' topic prefix (default: none)
#   TOPIC_REPLICATION_FACTOR   default: 3 when at least 3 brokers answer, else 1 (compose, single broker)
#   TOPIC_MIN_INSYNC_REPLICAS  default: 2 with replication factor 3, else 1
#
# Partition counts (a topic's partitions can be raised later but never lowered, and raising them
# moves keys to other partitions, which breaks per-case ordering while old and new events mix; so
# they are sized once, with headroom):
#   chuishao.cases.v1     12  the busiest topic (every case transition: opened, dispatched,
#                             acknowledged, progressed, resolved, escalated, closed ...) with the most
#                             consumer groups (intake's status feed, tracking's board); 12 divides
#                             evenly over 1, 2, 3, 4, 6 or 12 consumer replicas.
#   chuishao.reports.v1    6  about a third of the traffic (received, verified, feedback), one
#                             consumer group in dispatch (plus tracking); up to 6 busy replicas.
#   chuishao.community.v1  6  members, needs and hours (keyed by member or need id); lighter
#                             than the case flow.
#   chuishao.people.v1     3  the directory's person.* (keyed by person id): rare; subjects, roles
#                             and scopes only
#   chuishao.reference.v1  3  reference.changed (keyed by version): a few a year; a version names the
#                             whole data set, so their order across partitions does not matter
#   *.dlq                  3  only poison messages; low volume, order does not matter there.
#
# Retention:
#   event topics  retention.ms=-1 (keep every event). The outbox rows are purged 24 h after they are
#                 published, so these topics are the only complete copy of the event stream; tracking
#                 rebuilds its board and statistics by replaying them from offset 0, and a new consumer
#                 group starts from the beginning (auto_offset_reset=earliest). A case produces a few
#                 kilobytes of events, so a large city stays in the low gigabytes per year.
#   dead letters  retention.ms=30 days: long enough to notice, diagnose, fix and re-publish (see
#                 docs/operations.md); after re-publishing, the original topic holds the event again.
set -eu

: "${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
PREFIX="${CHUISHAO_TOPIC_PREFIX:-}"
BIN="${KAFKA_HOME:-/opt/kafka}/bin"
EVENTS_RETENTION_MS=-1
DLQ_RETENTION_MS=2592000000

# With CHUISHAO_KAFKA_ADMIN_PASSWORD the tools authenticate as the super user `admin` (SASL PLAIN, the
# brokers' INTERNAL listener); KAFKA_COMMAND_CONFIG may name a ready-made client properties file instead.
if [ -z "${KAFKA_COMMAND_CONFIG:-}" ] && [ -n "${CHUISHAO_KAFKA_ADMIN_PASSWORD:-}" ]; then
  KAFKA_COMMAND_CONFIG=/tmp/chuishao-admin.properties
  (umask 077 && printf '%s\n' security.protocol=SASL_PLAINTEXT sasl.mechanism=PLAIN \
    "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$CHUISHAO_KAFKA_ADMIN_PASSWORD\";" \
    >"$KAFKA_COMMAND_CONFIG")
fi
AUTH=""
if [ -n "${KAFKA_COMMAND_CONFIG:-}" ]; then AUTH="--command-config $KAFKA_COMMAND_CONFIG"; fi

# The brokers may still be starting: wait until one answers (at most ~2 minutes).
tries=0
until "$BIN/kafka-broker-api-versions.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" $AUTH >/tmp/brokers.txt 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "create-topics: no broker answered at $KAFKA_BOOTSTRAP_SERVERS" >&2
    exit 1
  fi
  sleep 2
done
brokers=$(grep -c '(id: ' /tmp/brokers.txt || true)
if [ -z "${TOPIC_REPLICATION_FACTOR:-}" ]; then
  if [ "$brokers" -ge 3 ]; then TOPIC_REPLICATION_FACTOR=3; else TOPIC_REPLICATION_FACTOR=1; fi
fi
if [ -z "${TOPIC_MIN_INSYNC_REPLICAS:-}" ]; then
  if [ "$TOPIC_REPLICATION_FACTOR" -ge 3 ]; then TOPIC_MIN_INSYNC_REPLICAS=2; else TOPIC_MIN_INSYNC_REPLICAS=1; fi
fi
echo "create-topics: $brokers broker(s); replication factor $TOPIC_REPLICATION_FACTOR, min.insync.replicas $TOPIC_MIN_INSYNC_REPLICAS"

ensure_topic() {
  topic="$1" partitions="$2" retention_ms="$3"
  "$BIN/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" $AUTH --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$TOPIC_REPLICATION_FACTOR" \
    --config cleanup.policy=delete \
    --config retention.ms="$retention_ms" \
    --config min.insync.replicas="$TOPIC_MIN_INSYNC_REPLICAS" \
    --config unclean.leader.election.enable=false
  # An existing topic keeps its partitions (see above) but takes the current configuration.
  "$BIN/kafka-configs.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" $AUTH --alter \
    --entity-type topics --entity-name "$topic" \
    --add-config "cleanup.policy=delete,retention.ms=$retention_ms,min.insync.replicas=$TOPIC_MIN_INSYNC_REPLICAS,unclean.leader.election.enable=false"
  actual=$("$BIN/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" $AUTH --describe --topic "$topic" \
    | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -n 1)
  if [ "$actual" != "$partitions" ]; then
    echo "create-topics: WARNING $topic has $actual partitions, $partitions wanted; not changed (see docs/operations.md)" >&2
  fi
}

ensure_topic "${PREFIX}chuishao.reports.v1" 6 "$EVENTS_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.cases.v1" 12 "$EVENTS_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.community.v1" 6 "$EVENTS_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.people.v1" 3 "$EVENTS_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.reference.v1" 3 "$EVENTS_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.reports.v1.dlq" 3 "$DLQ_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.cases.v1.dlq" 3 "$DLQ_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.community.v1.dlq" 3 "$DLQ_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.people.v1.dlq" 3 "$DLQ_RETENTION_MS"
ensure_topic "${PREFIX}chuishao.reference.v1.dlq" 3 "$DLQ_RETENTION_MS"

"$BIN/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" $AUTH --describe --topics-with-overrides \
  --topic "${PREFIX}chuishao\..*"
echo "create-topics: done"
