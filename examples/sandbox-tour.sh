#!/usr/bin/env bash
# A scripted walk through the running sandbox (start it first with examples/local.sh, in another
# terminal): the budgets, a Bedrock call through the sidecar, a tighter budget applied with kubectl,
# calls until one is denied, the status, and a bad manifest refused. Needs kubectl and the AWS CLI
# (any version); README.md shows the output of each step.
set -uo pipefail
cd "$(dirname "$0")/.."

export KUBECONFIG="${KUBECONFIG:-costsentry-local.kubeconfig}"
export AWS_ENDPOINT_URL_BEDROCK_RUNTIME="${AWS_ENDPOINT_URL_BEDROCK_RUNTIME:-http://127.0.0.1:8787}"
# The sidecar signs with its own credentials: an app's may be anything.
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox
for tool in kubectl aws; do
  command -v "$tool" >/dev/null || { echo "the tour needs $tool on PATH"; exit 1; }
done
[[ -f "$KUBECONFIG" ]] || { echo "no $KUBECONFIG: start the sandbox first (examples/local.sh)"; exit 1; }

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
converse() { # $1: text, $2: max tokens
  aws bedrock-runtime converse --model-id claude-3-5-haiku \
    --messages "[{\"role\":\"user\",\"content\":[{\"text\":\"$1 [[sim:output=$2]]\"}]}]" \
    --inference-config "maxTokens=$2" --query 'usage' --output json
}

step "kubectl get modelaliases,costcenterbudgets"
kubectl get modelaliases,costcenterbudgets

step "aws bedrock-runtime converse --model-id claude-3-5-haiku ...   # through the sidecar"
converse "Summarise ticket 1" 300

step "kubectl apply -f examples/sandbox/support-tight.yaml   # 2,000 tokens per hour"
kubectl apply -f examples/sandbox/support-tight.yaml
sleep 2   # the sidecar re-reads the operator's records every second

step "for i in 1..8: aws bedrock-runtime converse ... (maxTokens 400)"
for i in $(seq 1 8); do
  if out=$(converse "Summarise ticket $i" 400 2>&1); then
    echo "call $i: served, $(echo "$out" | tr -d ' \n')"
  else
    echo "call $i: $out"
    break
  fi
done

sleep 3   # the operator reads usage from the ledger every 2 s
step "kubectl get ccb support -o wide"
kubectl get ccb support -o wide

step "kubectl apply -f - <<< a budget with period: Weekly"
kubectl apply -f - <<'YAML'
apiVersion: costsentry.io/v1alpha1
kind: CostCenterBudget
metadata:
  name: weekly
spec:
  limits:
    - name: weekly-cost
      period: Weekly
      maxCostUSD: 5
YAML

step "kubectl apply -f examples/cost-centers/support.yaml   # back to the example's limits"
kubectl apply -f examples/cost-centers/support.yaml
