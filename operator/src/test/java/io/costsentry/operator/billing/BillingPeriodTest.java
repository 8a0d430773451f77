package io.costsentry.operator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {
  @Test
  void coversTheMonthsCompleteDaysOlderThanADay() {
    BillingPeriod p = BillingPeriod.at(Instant.parse("2026-11-27T08:00:00Z"));
    assertThat(p.start()).isEqualTo(LocalDate.parse("2026-11-01"));
    assertThat(p.end()).isEqualTo(LocalDate.parse("2026-11-26"));
    assertThat(p.wholeMonth()).isFalse();
  }

  @Test
  void onTheFirstDaysOfAMonthItIsThePreviousWholeMonth() {
    BillingPeriod p = BillingPeriod.at(Instant.parse("2026-12-02T03:00:00Z"));
    assertThat(p.start()).isEqualTo(LocalDate.parse("2026-11-01"));
    assertThat(p.end()).isEqualTo(LocalDate.parse("2026-12-01"));
    assertThat(p.wholeMonth()).isTrue();
  }

  @Test
  void theSecondDayOfTheMonthOnceTheLagHasPassedCoversTheFirst() {
    BillingPeriod p = BillingPeriod.at(Instant.parse("2026-12-03T00:00:00Z"));
    assertThat(p.start()).isEqualTo(LocalDate.parse("2026-12-01"));
    assertThat(p.end()).isEqualTo(LocalDate.parse("2026-12-02"));
  }
}
