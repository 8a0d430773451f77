package io.costsentry.operator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.LimitScope;
import io.costsentry.core.policy.Period;
import io.costsentry.crds.v1alpha1.AwsBudgetSpec;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetSpec;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsBudgetPlanTest {
  private static CostCenterBudget resource(AwsBudgetSpec aws) {
    CostCenterBudget b = new CostCenterBudget();
    b.setSpec(new CostCenterBudgetSpec());
    b.getSpec().setAwsBudget(aws);
    return b;
  }

  private static BudgetPolicy policy(LimitPolicy... limits) {
    return new BudgetPolicy("team", "support", null, null, List.of(limits), List.of(80, 50, 100));
  }

  private static LimitPolicy limit(Period period, long micros, LimitScope scope) {
    return new LimitPolicy(
        "l-" + period, period, ZoneOffset.UTC, LimitMetric.COST_USD, micros, scope);
  }

  @Test
  void noAwsBudgetWithoutTheSpecOrWhenDisabled() {
    assertThat(AwsBudgetPlan.of(resource(null), policy()).wanted()).isFalse();
    AwsBudgetSpec off = new AwsBudgetSpec();
    off.setEnabled(false);
    assertThat(AwsBudgetPlan.of(resource(off), policy()).wanted()).isFalse();
  }

  @Test
  void theAmountComesFromTheUnscopedMonthLimitWithANotificationPerThreshold() {
    AwsBudgetSpec aws = new AwsBudgetSpec();
    aws.setNotificationEmails(List.of("b@example.com", "a@example.com"));
    AwsBudgetPlan plan =
        AwsBudgetPlan.of(
            resource(aws),
            policy(
                limit(Period.MONTH, 50_000_000, new LimitScope("haiku", null, null)),
                limit(Period.MONTH, 120_500_000, LimitScope.ALL)));

    AwsBudget budget = plan.budget();
    assertThat(budget.name()).isEqualTo("costsentry-support");
    assertThat(budget.limitUsd()).isEqualByComparingTo("120.5");
    assertThat(budget.tagKeyValue()).isEqualTo("user:costCenter$support");
    assertThat(budget.notifications())
        .extracting(AwsBudget.Notice::thresholdPercent)
        .containsExactly(50.0, 80.0, 100.0);
    assertThat(budget.notifications().getFirst().emails())
        .containsExactly("a@example.com", "b@example.com");
  }

  @Test
  void anExplicitAmountWinsAndNoSubscriberMeansNoNotifications() {
    AwsBudgetSpec aws = new AwsBudgetSpec();
    aws.setMonthlyLimitUSD(new BigDecimal("300"));
    AwsBudgetPlan plan =
        AwsBudgetPlan.of(resource(aws), policy(limit(Period.MONTH, 1_000_000, LimitScope.ALL)));
    assertThat(plan.budget().limitUsd()).isEqualByComparingTo("300");
    assertThat(plan.budget().notifications()).isEmpty();
  }

  @Test
  void withoutAnAmountTheProblemNamesTheField() {
    AwsBudgetPlan plan =
        AwsBudgetPlan.of(
            resource(new AwsBudgetSpec()), policy(limit(Period.DAY, 1, LimitScope.ALL)));
    assertThat(plan.wanted()).isTrue();
    assertThat(plan.budget()).isNull();
    assertThat(plan.problem()).contains("spec.awsBudget.monthlyLimitUSD");
  }
}
