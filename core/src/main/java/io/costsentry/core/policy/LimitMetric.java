package io.costsentry.core.policy;

/** What a limit counts. Cost is counted in integer micro-USD; the others in tokens. */
public enum LimitMetric {
  COST_USD("maxCostUSD"),
  INPUT_TOKENS("maxInputTokens"),
  OUTPUT_TOKENS("maxOutputTokens"),
  TOTAL_TOKENS("maxTotalTokens");

  private final String manifestField;

  LimitMetric(String manifestField) {
    this.manifestField = manifestField;
  }

  /** The manifest field that sets a limit of this metric. */
  public String manifestField() {
    return manifestField;
  }
}
