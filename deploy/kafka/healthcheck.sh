#!/bin/sh
# The brokers' health check in docker-compose.yml: the INTERNAL listener (SASL PLAIN) answers the
# super user `admin`. Every listener requires authentication, so an unauthenticated probe would fail.
set -eu
config=/tmp/chuishao-health.properties
(umask 077 && printf '%s\n' security.protocol=SASL_PLAINTEXT sasl.mechanism=PLAIN \
  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$CHUISHAO_KAFKA_ADMIN_PASSWORD\";" \
  >"$config")
exec /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9094 --command-config "$config" >/dev/null 2>&1
