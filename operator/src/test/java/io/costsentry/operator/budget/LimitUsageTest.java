package io.costsentry.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.Period;
import io.costsentry.core.policy.Window;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.costsentry.crds.v1alpha1.LimitUnit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LimitUsageTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

  @Test
  void costLimitsShowUsdFromMicroUsd() {
    LimitPolicy limit =
        new LimitPolicy(
            "daily-cost", Period.DAY, ZoneOffset.UTC, LimitMetric.COST_USD, 25_000_000, null);
    Window window = Period.DAY.windowAt(NOW, ZoneOffset.UTC);

    LimitStatus s = LimitUsage.of(limit, window, 20_125_000);

    assertThat(s.getUnit()).isEqualTo(LimitUnit.USD);
    assertThat(s.getUsed()).isEqualByComparingTo("20.125");
    assertThat(s.getUsed().toPlainString()).isEqualTo("20.125");
    assertThat(s.getLimit().toPlainString()).isEqualTo("25");
    assertThat(s.getPercent()).isEqualTo(80);
    assertThat(s.getWindowStart()).isEqualTo("2026-11-27T00:00:00Z");
    assertThat(s.getWindowEnd()).isEqualTo("2026-11-28T00:00:00Z");
    assertThat(s.getPeriod()).isEqualTo(io.costsentry.crds.v1alpha1.Period.DAY);
  }

  @Test
  void tokenLimitsShowTokensAsIs() {
    LimitPolicy limit =
        new LimitPolicy(
            "tpm", Period.MINUTE, ZoneOffset.UTC, LimitMetric.TOTAL_TOKENS, 200_000, null);
    LimitStatus s = LimitUsage.of(limit, Period.MINUTE.windowAt(NOW, ZoneOffset.UTC), 1_999);
    assertThat(s.getUnit()).isEqualTo(LimitUnit.TOKENS);
    assertThat(s.getUsed()).isEqualTo(BigDecimal.valueOf(1_999));
    assertThat(s.getPercent()).isZero();
  }

  @Test
  void percentIsRoundedDownAndMayExceed100() {
    assertThat(LimitUsage.percent(0, 100)).isZero();
    assertThat(LimitUsage.percent(799, 1000)).isEqualTo(79);
    assertThat(LimitUsage.percent(1000, 1000)).isEqualTo(100);
    assertThat(LimitUsage.percent(1500, 1000)).isEqualTo(150);
    assertThat(LimitUsage.percent(Long.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
    assertThat(LimitUsage.percent(5, 0)).isEqualTo(Integer.MAX_VALUE);
  }
}
