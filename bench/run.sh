#!/usr/bin/env bash
# Builds the sidecar and the bench, runs every benchmark, and writes a markdown report to stdout
# and bench/results/latest.md (git-ignored). Extra arguments go to BenchMain, e.g.
#   bench/run.sh --scenarios latency,overshoot --scale 0.5
# Set SKIP_BUILD=1 to reuse the jars already built.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # Tests are compiled but not run: the bench needs the main jars and core's test-jar (dynalite,
  # for the operator bench), which -Dmaven.test.skip=true would not build.
  # Formatting is checked by the regular build, not here.
  ./mvnw -B -q -Pbench -pl bench -am package -DskipTests -Dspotless.check.skip=true >&2
fi

mkdir -p bench/results
# Fixed heap for the load generator so its GC sizing does not drift between rounds; Netty (the
# async SDK client) still uses sun.misc.Unsafe on JDK 25.
exec "$JAVA" -Xms1g -Xmx1g --sun-misc-unsafe-memory-access=allow \
  -jar bench/target/costsentry-bench.jar \
  --sidecar-jar sidecar/target/costsentry-sidecar.jar \
  --java "$JAVA" \
  --out bench/results/latest.md \
  "$@"
