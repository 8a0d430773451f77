package io.costsentry.operator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.operator.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsBudgetSyncTest {
  private final FakeBudgets budgets = new FakeBudgets();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-15T08:00:00Z"));
  private final AwsBudgetSync sync =
      new AwsBudgetSync(budgets, BillingConfigs.of(false, false, "111122223333"), clock);

  private static AwsBudgetPlan plan(String usd, double... thresholds) {
    List<AwsBudget.Notice> notices =
        java.util.Arrays.stream(thresholds)
            .mapToObj(t -> new AwsBudget.Notice(t, List.of("a@example.com"), null))
            .toList();
    return new AwsBudgetPlan(
        true, new AwsBudget("costsentry-cc", new BigDecimal(usd), "cc", notices), null);
  }

  @Test
  void createsOnceThenChecksAgainOnlyAfterTheRefreshInterval() {
    assertThat(sync.sync("cc", plan("100", 80), null).name()).isEqualTo("costsentry-cc");
    assertThat(budgets.calls).containsExactly("describe costsentry-cc", "create costsentry-cc");

    sync.sync("cc", plan("100", 80), "costsentry-cc");
    clock.advance(Duration.ofHours(23));
    sync.sync("cc", plan("100", 80), "costsentry-cc");
    assertThat(budgets.calls).hasSize(2);

    // Someone raised the amount in the console: repaired at the next check.
    AwsBudget edited = budgets.budgets.get("costsentry-cc");
    budgets.budgets.put(
        "costsentry-cc",
        new AwsBudget(edited.name(), new BigDecimal("999"), "cc", edited.notifications()));
    clock.advance(Duration.ofHours(2));
    sync.sync("cc", plan("100", 80), "costsentry-cc");
    assertThat(budgets.budgets.get("costsentry-cc").limitUsd()).isEqualByComparingTo("100");
  }

  @Test
  void aChangedPlanIsSyncedAtOnceReplacingOnlyTheNotificationsThatDiffer() {
    sync.sync("cc", plan("100", 50, 80), null);
    budgets.calls.clear();

    sync.sync("cc", plan("250", 80, 100), "costsentry-cc");

    assertThat(budgets.calls)
        .containsExactly(
            "describe costsentry-cc",
            "update costsentry-cc",
            "deleteNotification 50.0",
            "createNotification 100.0");
    assertThat(budgets.budgets.get("costsentry-cc").notifications())
        .extracting(AwsBudget.Notice::thresholdPercent)
        .containsExactlyInAnyOrder(80.0, 100.0);
  }

  @Test
  void aBudgetNoLongerWantedIsDeletedAndItsNameCleared() {
    sync.sync("cc", plan("100", 80), null);

    AwsBudgetSync.Result result =
        sync.sync("cc", new AwsBudgetPlan(false, null, null), "costsentry-cc");

    assertThat(result.name()).isNull();
    assertThat(result.problem()).isNull();
    assertThat(budgets.budgets).isEmpty();
  }

  @Test
  void aPlanWithoutAnAmountIsAProblemNamingTheField() {
    AwsBudgetSync.Result result =
        sync.sync(
            "cc", new AwsBudgetPlan(true, null, "spec.awsBudget.monthlyLimitUSD: needed"), null);
    assertThat(result.problem().reason()).isEqualTo("AwsBudgetInvalid");
    assertThat(result.problem().message()).contains("spec.awsBudget.monthlyLimitUSD");
    assertThat(budgets.calls).isEmpty();
  }
}
