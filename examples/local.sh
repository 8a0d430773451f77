#!/usr/bin/env bash
# Starts the CostSentry sandbox: an embedded Kubernetes API, the operator, the Bedrock simulators, the
# ledger and a sidecar proxy on 127.0.0.1:8787, in one process, with the budgets of
# examples/cost-centers applied. No cloud account, no cluster.
#
#   examples/local.sh                      build if needed, then run until Ctrl-C
#   examples/local.sh --ledger dynamodb    any flag of costsentry local (see --help)
#   SKIP_BUILD=1 examples/local.sh
#
# It writes costsentry-local.kubeconfig here: KUBECONFIG=costsentry-local.kubeconfig kubectl get ccb
set -euo pipefail
cd "$(dirname "$0")/.."

source examples/lib/java.sh

if [[ -z "${SKIP_BUILD:-}" || ! -f sandbox/target/costsentry-local.jar ]]; then
  echo "building the sandbox (the first time takes a minute or two)..."
  ./mvnw -B -q -ntp -Dmaven.test.skip=true -Dspotless.check.skip=true -Denforcer.skip=true \
    -Dcostsentry.shade.skip=true -pl sandbox -am package
fi

exec "$JAVA" -jar sandbox/target/costsentry-local.jar "$@"
