package io.costsentry.sidecar.telemetry;

/** The seed's per-request metric values, derived once for every sink. */
record MetricValues(int approved, int denied, int failed, long inputTokens, long outputTokens) {
  static MetricValues of(RequestOutcome o) {
    boolean denied = o.decision() == Decision.DENIED || o.decision() == Decision.LEDGER_UNAVAILABLE;
    boolean failed = o.decision() == Decision.REJECTED || o.upstreamFailed();
    long input = o.usage() == null ? 0 : o.usage().allInput();
    long output = o.usage() == null ? 0 : o.usage().output();
    return new MetricValues(
        o.decision() == Decision.APPROVED ? 1 : 0, denied ? 1 : 0, failed ? 1 : 0, input, output);
  }
}
