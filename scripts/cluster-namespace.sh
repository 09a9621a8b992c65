#!/bin/sh
# Waits until the Temporal server answers, creates the namespace unless it exists (idempotent), and
# waits until the server serves it.
# Run by scripts/cluster.ts (and the cluster tests, a namespace per test file) with the Temporal CLI
# from .tools/, and by docker-compose.yml's temporal-namespace service in the temporalio/admin-tools
# image. The case search attributes are registered by every worker when it starts (worker/search-attributes.ts).
# Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_NAMESPACE_RETENTION (cluster.env); TEMPORAL_CLI (default temporal).
set -eu
cli="${TEMPORAL_CLI:-temporal}"

# until_ok WHAT COMMAND...: runs the command every half second until it succeeds, for at most two minutes.
until_ok() {
  what="$1"
  shift
  tries=0
  until "$@" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 240 ]; then
      echo "cluster-namespace: gave up waiting for $what at $TEMPORAL_ADDRESS" >&2
      exit 1
    fi
    sleep 0.5
  done
}

until_ok "the server to answer" "$cli" operator cluster health --address "$TEMPORAL_ADDRESS"
if "$cli" operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "cluster-namespace: $TEMPORAL_NAMESPACE exists"
else
  "$cli" operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_NAMESPACE_RETENTION" >/dev/null
  echo "cluster-namespace: $TEMPORAL_NAMESPACE created"
fi
# The frontend learns of a new namespace when it next refreshes its cache: wait until it serves it.
until_ok "the server to serve $TEMPORAL_NAMESPACE" "$cli" workflow count --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"
