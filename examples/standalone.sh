#!/usr/bin/env bash
# Starts the CostSentry sidecar in standalone mode against the Bedrock simulator, with the budgets of
# examples/budgets.yaml, so CostSentry can be tried without AWS or Kubernetes.
#
#   examples/standalone.sh            build if needed, then run until Ctrl-C
#   SKIP_BUILD=1 examples/standalone.sh
#
# The proxy listens on 127.0.0.1:8787 (point AWS_ENDPOINT_URL_BEDROCK_RUNTIME there), metrics and health on
# 127.0.0.1:9797, the simulator on 127.0.0.1:8788.
set -euo pipefail
cd "$(dirname "$0")/.."

source examples/lib/java.sh

if [[ -z "${SKIP_BUILD:-}" || ! -f sidecar/target/costsentry-sidecar.jar ]]; then
  ./mvnw -B -q -ntp -DskipTests -Dspotless.check.skip=true -pl sidecar,simulator -am package
fi

"$JAVA" -jar simulator/target/costsentry-bedrock-simulator.jar --port "${SIMULATOR_PORT:-8788}" --token-delay-ms 5 &
simulator=$!
trap 'kill $simulator 2>/dev/null || true' EXIT

# The simulator verifies SigV4 with its own key pair: the sidecar signs with it, as it would with its IAM role.
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDSIMULATOR AWS_SECRET_ACCESS_KEY=simulator-secret
export COSTSENTRY_BEDROCK_ENDPOINT="http://127.0.0.1:${SIMULATOR_PORT:-8788}"
export COSTSENTRY_LEDGER="${COSTSENTRY_LEDGER:-memory}"
export COSTSENTRY_CONFIG="${COSTSENTRY_CONFIG:-examples/budgets.yaml}"
export COSTSENTRY_COST_CENTER="${COSTSENTRY_COST_CENTER:-support}"
export COSTSENTRY_APPLICATION_ID="${COSTSENTRY_APPLICATION_ID:-demo}"
export COSTSENTRY_ENVIRONMENT="${COSTSENTRY_ENVIRONMENT:-dev}"
export COSTSENTRY_ADMIN_LISTEN="${COSTSENTRY_ADMIN_LISTEN:-127.0.0.1:9797}"
"$JAVA" -jar sidecar/target/costsentry-sidecar.jar "$@"
