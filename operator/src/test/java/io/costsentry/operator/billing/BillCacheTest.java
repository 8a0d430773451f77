package io.costsentry.operator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.operator.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillCacheTest {
  private final FakeCostExplorer ce = new FakeCostExplorer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private final BillCache cache = new BillCache(ce, BillingConfigs.of(false, true, null), clock);

  @Test
  void oneQueryPerRefreshServesEveryCostCenter() {
    ce.bill.put("support", new BigDecimal("3.75"));

    for (int i = 0; i < 50; i++) {
      assertThat(cache.current().bill().orElseThrow().of(i % 2 == 0 ? "support" : "search"))
          .isEqualByComparingTo(i % 2 == 0 ? "3.75" : "0");
    }
    assertThat(ce.billQueries).hasSize(1);
    assertThat(ce.billQueries.getFirst())
        .containsExactly(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-26"));

    clock.advance(Duration.ofHours(24));
    cache.current();
    assertThat(ce.billQueries).hasSize(2);
    assertThat(ce.billQueries.get(1)[1]).isEqualTo(LocalDate.parse("2026-11-27"));
  }

  @Test
  void aDeniedQueryKeepsTheLastBillAndIsNotRepeatedBeforeTheRetryInterval() {
    ce.bill.put("support", BigDecimal.ONE);
    cache.current();
    ce.denied = true;
    clock.advance(Duration.ofHours(25));

    BillCache.Snapshot snapshot = cache.current();
    assertThat(snapshot.problem().reason()).isEqualTo("CostExplorerAccessDenied");
    assertThat(snapshot.bill().orElseThrow().of("support")).isEqualByComparingTo("1");
    clock.advance(Duration.ofMinutes(30));
    cache.current();
    assertThat(ce.billQueries).hasSize(2);
    clock.advance(Duration.ofMinutes(31));
    cache.current();
    assertThat(ce.billQueries).hasSize(3);
  }
}
