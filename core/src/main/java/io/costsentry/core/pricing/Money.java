package io.costsentry.core.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Conversions between integer micro-USD (how money is counted) and decimal USD (how it is shown).
 */
public final class Money {
  private static final BigDecimal MICROS_PER_USD = BigDecimal.valueOf(1_000_000);

  private Money() {}

  /** USD to micro-USD, rounded down so a configured limit is never raised by rounding. */
  public static long usdToMicros(BigDecimal usd) {
    return usd.multiply(MICROS_PER_USD).setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  public static BigDecimal microsToUsd(long micros) {
    return BigDecimal.valueOf(micros).divide(MICROS_PER_USD).setScale(6, RoundingMode.UNNECESSARY);
  }

  /** {@code $12.345678}, trailing zeros past the cents trimmed. */
  public static String format(long micros) {
    BigDecimal usd = microsToUsd(micros).stripTrailingZeros();
    if (usd.scale() < 2) {
      usd = usd.setScale(2, RoundingMode.UNNECESSARY);
    }
    return "$" + usd.toPlainString();
  }
}
