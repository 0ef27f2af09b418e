#!/usr/bin/env bash
# Applies deploy/k8s in the order the system needs:
#   1. namespace and ConfigMap; the per-service Secrets must already exist (see secrets.yaml);
#   2. the topic job, the Kafka ACL job and each service's migration job, to completion;
#   3. everything else (Deployments, Services, HPAs, PDBs) through kustomize.
# Jobs are immutable, so finished ones are deleted and re-created: both are idempotent.
# Usage: deploy/k8s/apply.sh [kubectl context]
set -euo pipefail
cd "$(dirname "$0")"
kubectl=(kubectl)
if [[ $# -ge 1 ]]; then kubectl+=(--context "$1"); fi
ns=chuishao
services=(intake dispatch tracking notify community)

"${kubectl[@]}" apply -f namespace.yaml -f config.yaml
secrets=(chuishao-kafka-admin)
for service in "${services[@]}"; do secrets+=("chuishao-$service" "chuishao-$service-migrate"); done
for secret in "${secrets[@]}"; do
  if ! "${kubectl[@]}" -n "$ns" get secret "$secret" >/dev/null 2>&1; then
    echo "apply.sh: Secret $secret is missing in namespace $ns (see secrets.yaml)" >&2
    exit 1
  fi
done

# The rendered manifests (with any `kustomize edit set image` applied), filtered by label below.
rendered=$("${kubectl[@]}" kustomize .)
jobs=(chuishao-kafka-topics chuishao-kafka-acls)
for service in "${services[@]}"; do jobs+=("chuishao-$service-migrate"); done
for job in "${jobs[@]}"; do
  "${kubectl[@]}" -n "$ns" delete job "$job" --ignore-not-found --wait=true
done
"${kubectl[@]}" apply -f - -l app.kubernetes.io/name=kafka-topics <<<"$rendered"
"${kubectl[@]}" apply -f - -l app.kubernetes.io/name=kafka-acls <<<"$rendered"
"${kubectl[@]}" apply -f - -l app.kubernetes.io/component=migration <<<"$rendered"
for job in "${jobs[@]}"; do
  "${kubectl[@]}" -n "$ns" wait --for=condition=complete --timeout=15m "job/$job"
done

"${kubectl[@]}" apply -f - <<<"$rendered"
for service in "${services[@]}"; do
  "${kubectl[@]}" -n "$ns" rollout status "deployment/chuishao-$service" --timeout=10m
done
