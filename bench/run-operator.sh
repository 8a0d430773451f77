#!/usr/bin/env bash
# Builds the bench and runs the operator scale bench (io.costsentry.bench.operator.OperatorBench):
# N budgets x M aliases against the Fabric8 mock API server, the Bedrock control-plane simulator
# and dynalite (Node.js 20+). Writes a markdown report to stdout and bench/results/operator.md
# (git-ignored); progress goes to stderr. Extra arguments go to OperatorBench, e.g.
#   bench/run-operator.sh --budgets 100 --aliases 10 --refresh-interval 30s --steady-window 60s
# Set SKIP_BUILD=1 to reuse the jar already built.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # Tests are compiled (core's test-jar holds the dynalite harness) but not run.
  ./mvnw -B -q -Pbench -pl bench -am package -DskipTests -Dspotless.check.skip=true >&2
fi

mkdir -p bench/results
# dynalite is installed (npm ci, once) where the regular build puts it.
exec "$JAVA" -Xms2g -Xmx2g --sun-misc-unsafe-memory-access=allow \
  -Dcostsentry.dynalite.dir="$ROOT/target/dynalite" \
  -cp bench/target/costsentry-bench.jar io.costsentry.bench.operator.OperatorBench \
  --out bench/results/operator.md \
  "$@"
