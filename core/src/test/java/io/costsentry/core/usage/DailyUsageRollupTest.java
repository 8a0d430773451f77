package io.costsentry.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.budget.LedgerWriter;
import io.costsentry.core.ledger.LedgerUnavailableException;
import io.costsentry.core.pricing.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DailyUsageRollupTest {
  private final LedgerWriter writer = new LedgerWriter(Duration.ofMillis(5), Duration.ofMillis(20));
  private final InMemoryUsageStore memory = new InMemoryUsageStore();
  private final UsageDimensions chat = new UsageDimensions("support", "chat", "prod", "haiku");

  @AfterEach
  void drain() throws InterruptedException {
    writer.drain(Duration.ofSeconds(5));
  }

  @Test
  void settledRequestsAddUpPerUtcDayOfTheirStart() throws InterruptedException {
    DailyUsageRollup rollup = new DailyUsageRollup(memory, writer, "w");

    rollup.record(Instant.parse("2026-11-02T23:59:59Z"), chat, new TokenUsage(10, 5, 1, 2), 300);
    rollup.record(Instant.parse("2026-11-02T08:00:00Z"), chat, new TokenUsage(20, 6, 0, 0), 700);
    rollup.record(Instant.parse("2026-11-03T00:00:00Z"), chat, new TokenUsage(1, 1, 0, 0), 9);
    writer.drain(Duration.ofSeconds(5));

    assertThat(memory.read("support", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)))
        .containsExactly(
            new DailyUsage(LocalDate.of(2026, 11, 2), chat, new UsageTotals(1000, 30, 11, 1, 2, 2)),
            new DailyUsage(LocalDate.of(2026, 11, 3), chat, new UsageTotals(9, 1, 1, 0, 0, 1)));
    assertThat(memory.costCenters()).isEqualTo(Set.of("support"));
  }

  /** Nothing lost on ledger outages, and a retried write is not counted twice. */
  @Test
  void writesFailingWhileTheLedgerIsDownAreRetriedAndCountOnce() throws InterruptedException {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    UsageStore flaky =
        new UsageStore() {
          @Override
          public boolean write(String writerId, long sequence, DailyUsage usage) {
            boolean applied = memory.write(writerId, sequence, usage);
            if (failuresLeft.getAndDecrement() > 0) {
              // applied, but the caller never hears so: the ambiguous failure of a lost response
              throw new LedgerUnavailableException("response lost", null);
            }
            return applied;
          }

          @Override
          public void registerCostCenter(String costCenter) {
            memory.registerCostCenter(costCenter);
          }

          @Override
          public Set<String> costCenters() {
            return memory.costCenters();
          }

          @Override
          public List<DailyUsage> read(String costCenter, LocalDate from, LocalDate to) {
            return memory.read(costCenter, from, to);
          }
        };
    DailyUsageRollup rollup = new DailyUsageRollup(flaky, writer, "w");
    Instant at = Instant.parse("2026-11-02T10:00:00Z");
    for (int i = 0; i < 5; i++) {
      rollup.record(at, chat, new TokenUsage(10, 10, 0, 0), 100);
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        memory.read(
                            "support", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2)))
                    .extracting(DailyUsage::totals)
                    .containsExactly(new UsageTotals(500, 50, 50, 0, 0, 5)));
    assertThat(writer.retries()).isGreaterThanOrEqualTo(3);
  }
}
