package io.costsentry.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.Period;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportPartsTest {
  @Test
  void csvFieldsAreQuotedOnlyWhenRfc4180SaysSo() {
    assertThat(CsvRenderer.field("support")).isEqualTo("support");
    assertThat(CsvRenderer.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvRenderer.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvRenderer.field("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void marketplaceModelsCountAsBedrockAndOtherServicesDoNot() {
    assertThat(CostExplorerSpend.isBedrock("Amazon Bedrock")).isTrue();
    assertThat(CostExplorerSpend.isBedrock("Claude 3.5 Haiku (Amazon Bedrock Edition)")).isTrue();
    assertThat(CostExplorerSpend.isBedrock("Amazon Elastic Compute Cloud - Compute")).isFalse();
    assertThat(CostExplorerSpend.tagValue("costCenter$support")).isEqualTo("support");
    assertThat(CostExplorerSpend.tagValue("costCenter$")).isEmpty();
  }

  @Test
  void aBudgetCoversEveryWindowOfItsLimitThatThePeriodTouches() {
    ReportPeriod november = new ReportPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 27));

    assertThat(BudgetLimits.windowsTouched(limit(Period.MONTH, ZoneOffset.UTC), november))
        .isEqualTo(1);
    assertThat(BudgetLimits.windowsTouched(limit(Period.DAY, ZoneOffset.UTC), november))
        .isEqualTo(27);
    // Day windows in New York straddle UTC midnights: one more window is touched
    assertThat(
            BudgetLimits.windowsTouched(limit(Period.DAY, ZoneId.of("America/New_York")), november))
        .isEqualTo(28);
    ReportPeriod octToNov = new ReportPeriod(LocalDate.of(2026, 10, 20), LocalDate.of(2026, 11, 5));
    assertThat(BudgetLimits.windowsTouched(limit(Period.MONTH, ZoneOffset.UTC), octToNov))
        .isEqualTo(2);
  }

  private static LimitPolicy limit(Period period, ZoneId zone) {
    return new LimitPolicy("cost", period, zone, LimitMetric.COST_USD, 1_000_000, null);
  }
}
