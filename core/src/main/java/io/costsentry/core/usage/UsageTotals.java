package io.costsentry.core.usage;

import io.costsentry.core.pricing.TokenUsage;

/**
 * Settled usage added up: cost in integer micro-USD (as the ledger counts money), tokens by kind as
 * Bedrock reports them, and the number of settled requests.
 */
public record UsageTotals(
    long costMicros,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long requests) {
  public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0);

  /** One settled request. */
  public static UsageTotals of(TokenUsage usage, long costMicros) {
    return new UsageTotals(
        costMicros, usage.input(), usage.output(), usage.cacheRead(), usage.cacheWrite(), 1);
  }

  public UsageTotals plus(UsageTotals other) {
    return new UsageTotals(
        costMicros + other.costMicros,
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheReadTokens + other.cacheReadTokens,
        cacheWriteTokens + other.cacheWriteTokens,
        requests + other.requests);
  }

  /** Input-side tokens, cached or not. */
  public long allInputTokens() {
    return inputTokens + cacheReadTokens + cacheWriteTokens;
  }
}
