package io.costsentry.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricingTest {
  // Claude 3.5 Haiku list prices: $0.80 in, $4.00 out, $0.08 cache read, $1.00 cache write per 1M.
  private final Pricing haiku = Pricing.of("0.80", "4.00", "0.08", "1.00");

  @Test
  void costIsExactInMicroUsdAndCachedTokensArePricedApart() {
    long micros = haiku.costMicros(new TokenUsage(1_000, 500, 2_000, 100));
    // 1000*0.8 + 500*4 + 2000*0.08 + 100*1.0 = 800 + 2000 + 160 + 100
    assertThat(micros).isEqualTo(3_060);
  }

  @Test
  void fractionsOfAMicroDollarRoundUpSoNothingIsUnderCounted() {
    assertThat(haiku.costMicros(new TokenUsage(1, 0, 0, 0))).isEqualTo(1); // 0.8 micro-USD
    assertThat(haiku.costMicros(TokenUsage.ZERO)).isZero();
  }

  @Test
  void upperBoundPricesInputAtTheDearestInputSideRate() {
    // cache write ($1.00) is dearer than plain input ($0.80)
    assertThat(haiku.upperBoundMicros(1_000, 100)).isEqualTo(1_000 + 400);
    assertThat(haiku.upperBoundMicros(1_000, 100))
        .isGreaterThanOrEqualTo(haiku.costMicros(new TokenUsage(0, 100, 0, 1_000)))
        .isGreaterThanOrEqualTo(haiku.costMicros(new TokenUsage(1_000, 100, 0, 0)));
  }

  @Test
  void missingCachePricesDefaultToTheInputPrice() {
    Pricing p = new Pricing(new BigDecimal("1"), new BigDecimal("2"), null, null);
    assertThat(p.costMicros(new TokenUsage(0, 0, 10, 10))).isEqualTo(20);
  }

  @Test
  void negativePricesAreRefused() {
    assertThatThrownBy(() -> Pricing.of("-1", "1", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moneyFormatsAndConvertsWithoutRaisingLimits() {
    assertThat(Money.usdToMicros(new BigDecimal("25"))).isEqualTo(25_000_000);
    assertThat(Money.usdToMicros(new BigDecimal("0.0000019"))).isEqualTo(1);
    assertThat(Money.format(25_000_000)).isEqualTo("$25.00");
    assertThat(Money.format(1_234_567)).isEqualTo("$1.234567");
  }
}
