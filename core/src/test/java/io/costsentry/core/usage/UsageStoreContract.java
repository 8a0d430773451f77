package io.costsentry.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link UsageStore} must do; run against the in-memory store and dynalite. */
abstract class UsageStoreContract {
  static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
  static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
  static final LocalDate NOV_3 = LocalDate.of(2026, 11, 3);

  protected abstract UsageStore store();

  /** A cost center no other test writes. */
  static String freshCostCenter() {
    return "cc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static UsageTotals totals(long cost, long requests) {
    return new UsageTotals(cost, 10 * requests, 20 * requests, 1, 2, requests);
  }

  @Test
  void aNewerWriteReplacesTheRowAndAnOlderOrRepeatedOneChangesNothing() {
    String cc = freshCostCenter();
    UsageDimensions d = new UsageDimensions(cc, "chat", "prod", "claude-3-5-haiku");

    assertThat(store().write("w1", 1, new DailyUsage(NOV_1, d, totals(100, 1)))).isTrue();
    assertThat(store().write("w1", 3, new DailyUsage(NOV_1, d, totals(300, 3)))).isTrue();
    assertThat(store().write("w1", 2, new DailyUsage(NOV_1, d, totals(200, 2)))).isFalse();
    assertThat(store().write("w1", 3, new DailyUsage(NOV_1, d, totals(300, 3)))).isFalse();

    assertThat(store().read(cc, NOV_1, NOV_1))
        .containsExactly(new DailyUsage(NOV_1, d, totals(300, 3)));
  }

  @Test
  void rowsOfSeveralWritersAddUpPerDayAndDimensions() {
    String cc = freshCostCenter();
    UsageDimensions haiku = new UsageDimensions(cc, "chat", "prod", "claude-3-5-haiku");
    UsageDimensions nova = new UsageDimensions(cc, "chat", "prod", "nova-lite");
    store().write("w1", 1, new DailyUsage(NOV_1, haiku, totals(100, 1)));
    store().write("w2", 5, new DailyUsage(NOV_1, haiku, totals(250, 2)));
    store().write("w2", 1, new DailyUsage(NOV_1, nova, totals(7, 1)));
    store().write("w1", 9, new DailyUsage(NOV_2, haiku, totals(40, 4)));

    assertThat(store().read(cc, NOV_1, NOV_2))
        .containsExactly(
            new DailyUsage(NOV_1, haiku, totals(100, 1).plus(totals(250, 2))),
            new DailyUsage(NOV_1, nova, totals(7, 1)),
            new DailyUsage(NOV_2, haiku, totals(40, 4)));
  }

  @Test
  void readsOnlyTheCostCenterAndTheDaysAskedForBothEndsIncluded() {
    String cc = freshCostCenter();
    String other = freshCostCenter();
    UsageDimensions d = new UsageDimensions(cc, "", "", "claude-3-5-haiku");
    store().write("w1", 1, new DailyUsage(NOV_1, d, totals(1, 1)));
    store().write("w1", 1, new DailyUsage(NOV_2, d, totals(2, 1)));
    store().write("w1", 1, new DailyUsage(NOV_3, d, totals(3, 1)));
    store()
        .write(
            "w1", 1, new DailyUsage(NOV_2, new UsageDimensions(other, "", "", "m"), totals(9, 1)));

    assertThat(store().read(cc, NOV_2, NOV_3))
        .extracting(DailyUsage::day, u -> u.totals().costMicros())
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(NOV_2, 2L),
            org.assertj.core.api.Assertions.tuple(NOV_3, 3L));
    assertThat(store().read(cc, NOV_2, NOV_2)).hasSize(1);
  }

  @Test
  void valuesWithSeparatorsNeverShareARow() {
    String cc = freshCostCenter();
    UsageDimensions a = new UsageDimensions(cc, "a#b", "c", "m");
    UsageDimensions b = new UsageDimensions(cc, "a", "b#c", "m");
    store().write("w1", 1, new DailyUsage(NOV_1, a, totals(1, 1)));
    store().write("w1", 1, new DailyUsage(NOV_1, b, totals(2, 1)));

    assertThat(store().read(cc, NOV_1, NOV_1))
        .extracting(DailyUsage::dimensions)
        .containsExactlyInAnyOrder(a, b);
  }

  @Test
  void registeredCostCentersAreListedOnce() {
    String cc = freshCostCenter();
    store().registerCostCenter(cc);
    store().registerCostCenter(cc);

    assertThat(store().costCenters()).contains(cc);
    assertThat(store().costCenters().stream().filter(cc::equals)).hasSize(1);
  }
}
