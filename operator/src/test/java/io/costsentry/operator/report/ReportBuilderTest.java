package io.costsentry.operator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.core.usage.DailyUsage;
import io.costsentry.core.usage.UsageDimensions;
import io.costsentry.core.usage.UsageTotals;
import io.costsentry.operator.report.Report.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
  static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
  static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
  static final ReportPeriod PERIOD = new ReportPeriod(NOV_1, NOV_2);
  static final Instant NOW = Instant.parse("2026-12-10T00:00:00Z");

  static DailyUsage usage(LocalDate day, String cc, String app, String model, long micros) {
    return new DailyUsage(
        day, new UsageDimensions(cc, app, "prod", model), new UsageTotals(micros, 10, 5, 0, 0, 1));
  }

  @Test
  void ledgerRowsAddUpEveryDayPerGroupLargestFirst() {
    ReportRequest request =
        new ReportRequest(PERIOD, Source.LEDGER, List.of(GroupBy.APPLICATION), Set.of());
    Report report =
        ReportBuilder.build(
            request,
            List.of(
                usage(NOV_1, "a", "chat", "haiku", 100),
                usage(NOV_2, "b", "chat", "nova", 50),
                usage(NOV_2, "a", "search", "haiku", 400)),
            BilledResult.NONE,
            Map.of(),
            NOW,
            List.of());

    assertThat(report.rows())
        .extracting(r -> r.group().get(GroupBy.APPLICATION), r -> r.ledger().costMicros())
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("search", 400L),
            org.assertj.core.api.Assertions.tuple("chat", 150L));
    assertThat(report.total().ledger().requests()).isEqualTo(3);
    assertThat(report.total().billedUSD()).isNull();
    assertThat(report.daily()).hasSize(4); // 2 days x 2 cost centers, zero days included
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void driftIsLedgerMinusBilledAsAShareOfTheBill() {
    ReportRequest request =
        new ReportRequest(PERIOD, Source.BOTH, List.of(GroupBy.COST_CENTER), Set.of());
    BilledResult billed =
        new BilledResult(
            List.of(
                new BilledSpend(NOV_1, "a", new BigDecimal("0.00012345678"), false),
                new BilledSpend(NOV_2, "a", new BigDecimal("0.0000005"), false)),
            new TreeSet<>(Set.of("Amazon Bedrock")),
            new TreeSet<>());

    Report report =
        ReportBuilder.build(
            request,
            List.of(usage(NOV_1, "a", "chat", "haiku", 150)),
            billed,
            Map.of(),
            NOW,
            List.of());

    Row a = report.rows().getFirst();
    // billed amounts are rounded half-up to micro-USD one by one: 0.000123 + 0.000001
    assertThat(a.billedUSD()).isEqualByComparingTo("0.000124");
    assertThat(a.driftUSD()).isEqualByComparingTo("0.000026");
    assertThat(a.driftPercent()).isEqualByComparingTo("20.97");
  }

  @Test
  void billedSpendCannotBeSplitByModel() {
    assertThatThrownBy(
            () ->
                new ReportRequest(
                    PERIOD, Source.BOTH, List.of(GroupBy.COST_CENTER, GroupBy.MODEL), Set.of()))
        .hasMessageContaining("--source both groups by cost center only");
  }

  @Test
  void theDefaultPeriodIsMonthToDateInUtc() {
    var clock =
        java.time.Clock.fixed(Instant.parse("2026-11-27T23:30:00Z"), java.time.ZoneOffset.UTC);

    assertThat(ReportPeriod.of(null, null, clock))
        .isEqualTo(new ReportPeriod(NOV_1, LocalDate.of(2026, 11, 27)));
    assertThat(ReportPeriod.of(null, LocalDate.of(2026, 10, 15), clock))
        .isEqualTo(new ReportPeriod(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 15)));
    assertThatThrownBy(() -> ReportPeriod.of(NOV_2, NOV_1, clock))
        .hasMessage("--to 2026-11-01 is before --from 2026-11-02");
  }
}
