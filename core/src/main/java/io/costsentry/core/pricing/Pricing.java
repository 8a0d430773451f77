package io.costsentry.core.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * USD per one million tokens of each kind. Costs are computed exactly and rounded up to whole
 * micro-USD per request, so rounding never under-counts.
 */
public record Pricing(
    BigDecimal inputPerMillion,
    BigDecimal outputPerMillion,
    BigDecimal cacheReadPerMillion,
    BigDecimal cacheWritePerMillion) {

  public Pricing {
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    cacheReadPerMillion = cacheReadPerMillion == null ? inputPerMillion : cacheReadPerMillion;
    cacheWritePerMillion = cacheWritePerMillion == null ? inputPerMillion : cacheWritePerMillion;
    for (BigDecimal p :
        new BigDecimal[] {
          inputPerMillion, outputPerMillion, cacheReadPerMillion, cacheWritePerMillion
        }) {
      if (p.signum() < 0) {
        throw new IllegalArgumentException("prices must not be negative");
      }
    }
  }

  public static Pricing of(String input, String output, String cacheRead, String cacheWrite) {
    return new Pricing(
        new BigDecimal(input),
        new BigDecimal(output),
        cacheRead == null ? null : new BigDecimal(cacheRead),
        cacheWrite == null ? null : new BigDecimal(cacheWrite));
  }

  /**
   * Cost of {@code usage} in micro-USD, rounded up. USD per million tokens is numerically micro-USD
   * per token, so the sum of tokens times price is already in micro-USD.
   */
  public long costMicros(TokenUsage usage) {
    BigDecimal micros =
        inputPerMillion
            .multiply(BigDecimal.valueOf(usage.input()))
            .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.output())))
            .add(cacheReadPerMillion.multiply(BigDecimal.valueOf(usage.cacheRead())))
            .add(cacheWritePerMillion.multiply(BigDecimal.valueOf(usage.cacheWrite())));
    return micros.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * Upper bound of the cost of a request that may read up to {@code inputTokens} input-side tokens
   * (billed at the dearest input-side price, since caching decides which one applies) and write up
   * to {@code outputTokens}.
   */
  public long upperBoundMicros(long inputTokens, long outputTokens) {
    BigDecimal dearestInput = inputPerMillion.max(cacheReadPerMillion).max(cacheWritePerMillion);
    return dearestInput
        .multiply(BigDecimal.valueOf(inputTokens))
        .add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)))
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }
}
