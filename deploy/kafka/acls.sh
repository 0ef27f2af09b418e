#!/bin/sh
# Creates each service's SASL/SCRAM user and its ACLs, idempotently. Run as a one-shot job with the
# apache/kafka image, as the broker's super user (User:admin, over the INTERNAL listener): by
# docker-compose.yml (service kafka-acls) and by deploy/k8s/kafka-acls.yaml, which carries a verbatim
# copy of this file (tests/unit/deploy checks that the two stay identical).
#
# The brokers run StandardAuthorizer with allow.everyone.if.no.acl.found=false: a principal may do
# only what an ACL below allows. The table is chuishao_shared.kafka.TOPIC_ACCESS
# (tests/unit/deploy/test_kafka_acls.py fails when they differ): each service writes only the topics
# it publishes and the dead-letter topics of what it consumes, reads only what it consumes, and joins
# only consumer groups whose names start with chuishao-<service>. It adds; an ACL taken out of the
# table is removed by hand (`kafka-acls.sh --remove`, see docs/operations.md).
#
# Environment:
#   KAFKA_BOOTSTRAP_SERVERS    the brokers' INTERNAL listener (required)
#   CHUISHAO_KAFKA_ADMIN_PASSWORD  the super user's password (or KAFKA_COMMAND_CONFIG, below)
#   CHUISHAO_TOPIC_PREFIX      the services' topic prefix (default: none)
#   <SERVICE>_KAFKA_PASSWORD   each service's SCRAM password (required; letters and digits, e.g.
#                              `openssl rand -hex 32`: SCRAM credentials cannot hold , = ] )
set -eu

: "${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
PREFIX="${CHUISHAO_TOPIC_PREFIX:-}"
BIN="${KAFKA_HOME:-/opt/kafka}/bin"
MECHANISM=SCRAM-SHA-512

# With CHUISHAO_KAFKA_ADMIN_PASSWORD the tools authenticate as the super user `admin` (SASL PLAIN, the
# brokers' INTERNAL listener); KAFKA_COMMAND_CONFIG may name a ready-made client properties file instead.
if [ -z "${KAFKA_COMMAND_CONFIG:-}" ] && [ -n "${CHUISHAO_KAFKA_ADMIN_PASSWORD:-}" ]; then
  KAFKA_COMMAND_CONFIG=/tmp/chuishao-admin.properties
  (umask 077 && printf '%s\n' security.protocol=SASL_PLAINTEXT sasl.mechanism=PLAIN \
    "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$CHUISHAO_KAFKA_ADMIN_PASSWORD\";" \
    >"$KAFKA_COMMAND_CONFIG")
fi
: "${KAFKA_COMMAND_CONFIG:?set CHUISHAO_KAFKA_ADMIN_PASSWORD or KAFKA_COMMAND_CONFIG}"

# principal  access  resource  name   (topic names take CHUISHAO_TOPIC_PREFIX; groups are prefixes)
ACCESS='
intake    write  topic  chuishao.reports.v1
intake    write  topic  chuishao.cases.v1.dlq
intake    read   topic  chuishao.cases.v1
intake    read   group  chuishao-intake
dispatch  write  topic  chuishao.cases.v1
dispatch  write  topic  chuishao.people.v1
dispatch  write  topic  chuishao.reference.v1
dispatch  write  topic  chuishao.reports.v1.dlq
dispatch  write  topic  chuishao.community.v1.dlq
dispatch  read   topic  chuishao.reports.v1
dispatch  read   topic  chuishao.community.v1
dispatch  read   group  chuishao-dispatch
tracking  write  topic  chuishao.cases.v1.dlq
tracking  write  topic  chuishao.reports.v1.dlq
tracking  write  topic  chuishao.community.v1.dlq
tracking  read   topic  chuishao.cases.v1
tracking  read   topic  chuishao.reports.v1
tracking  read   topic  chuishao.community.v1
tracking  read   group  chuishao-tracking
notify    write  topic  chuishao.cases.v1.dlq
notify    write  topic  chuishao.reports.v1.dlq
notify    write  topic  chuishao.community.v1.dlq
notify    read   topic  chuishao.cases.v1
notify    read   topic  chuishao.reports.v1
notify    read   topic  chuishao.community.v1
notify    read   group  chuishao-notify
community write  topic  chuishao.community.v1
community write  topic  chuishao.cases.v1.dlq
community read   topic  chuishao.cases.v1
community read   group  chuishao-community
'

admin() {
  tool="$1"
  shift
  "$BIN/$tool" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$KAFKA_COMMAND_CONFIG" "$@"
}

# The brokers may still be starting: wait until one answers (at most ~2 minutes).
tries=0
until admin kafka-broker-api-versions.sh >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "kafka-acls: no broker answered at $KAFKA_BOOTSTRAP_SERVERS" >&2
    exit 1
  fi
  sleep 2
done

for user in intake dispatch tracking notify community; do
  variable="$(echo "$user" | tr '[:lower:]' '[:upper:]')_KAFKA_PASSWORD"
  password=$(eval "printf '%s' \"\${$variable:-}\"")
  if [ -z "$password" ]; then
    echo "kafka-acls: set $variable" >&2
    exit 1
  fi
  case "$password" in
    *[!A-Za-z0-9]*) echo "kafka-acls: $variable must hold letters and digits only" >&2; exit 1 ;;
  esac
  # SCRAM credentials live in the cluster metadata (KRaft); altering them again sets a new password.
  admin kafka-configs.sh --alter --entity-type users --entity-name "$user" \
    --add-config "$MECHANISM=[iterations=8192,password=$password]" >/dev/null
  echo "kafka-acls: user $user"
done

echo "$ACCESS" | while read -r principal access resource name; do
  [ -n "$principal" ] || continue
  case "$access" in
    write) operations="--operation Write --operation Describe" ;;
    read) operations="--operation Read --operation Describe" ;;
    *) echo "kafka-acls: unknown access $access" >&2; exit 1 ;;
  esac
  case "$resource" in
    topic) target="--topic ${PREFIX}${name}" ;;
    group) target="--resource-pattern-type prefixed --group ${name}" ;;
    *) echo "kafka-acls: unknown resource $resource" >&2; exit 1 ;;
  esac
  # shellcheck disable=SC2086 # the option lists are meant to split
  admin kafka-acls.sh --add --allow-principal "User:$principal" $operations $target >/dev/null
  echo "kafka-acls: $principal $access $resource ${name}"
done

admin kafka-acls.sh --list
echo "kafka-acls: done"
