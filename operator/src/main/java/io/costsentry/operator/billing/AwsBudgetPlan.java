package io.costsentry.operator.billing;

import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitScope;
import io.costsentry.core.policy.Period;
import io.costsentry.core.pricing.Money;
import io.costsentry.crds.v1alpha1.AwsBudgetSpec;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import java.math.BigDecimal;
import java.util.List;

/**
 * The AWS budget a CostCenterBudget asks for, as a pure function of its spec and policy: none
 * without an enabled {@code spec.awsBudget}; the amount from {@code monthlyLimitUSD}, else from the
 * unscoped Month cost limit; one notification per alert threshold when there is a subscriber.
 *
 * @param wanted whether the spec asks for an AWS budget
 * @param budget the budget to keep, or {@code null} when not wanted or not possible
 * @param problem why a wanted budget cannot be made, or {@code null}
 */
public record AwsBudgetPlan(boolean wanted, AwsBudget budget, String problem) {
  static final int MAX_NOTIFICATIONS = 10;

  public static AwsBudgetPlan of(CostCenterBudget resource, BudgetPolicy policy) {
    AwsBudgetSpec spec = resource.getSpec().getAwsBudget();
    if (spec == null || Boolean.FALSE.equals(spec.getEnabled())) {
      return new AwsBudgetPlan(false, null, null);
    }
    BigDecimal limit = spec.getMonthlyLimitUSD();
    if (limit == null) {
      limit =
          policy.limits().stream()
              .filter(l -> l.period() == Period.MONTH)
              .filter(l -> l.metric() == LimitMetric.COST_USD)
              .filter(l -> LimitScope.ALL.equals(l.scope()))
              .findFirst()
              .map(l -> Money.microsToUsd(l.amount()).stripTrailingZeros())
              .orElse(null);
    }
    if (limit == null) {
      return new AwsBudgetPlan(
          true,
          null,
          "spec.awsBudget.monthlyLimitUSD: needed when the budget has no unscoped Month"
              + " maxCostUSD limit");
    }
    List<String> emails =
        spec.getNotificationEmails() == null ? List.of() : spec.getNotificationEmails();
    String sns = spec.getSnsTopicArn();
    List<AwsBudget.Notice> notices =
        emails.isEmpty() && sns == null
            ? List.of()
            : policy.alertThresholds().stream()
                .distinct()
                .sorted()
                .limit(MAX_NOTIFICATIONS)
                .map(t -> new AwsBudget.Notice(t, emails, sns))
                .toList();
    return new AwsBudgetPlan(
        true,
        new AwsBudget(
            AwsBudget.nameOf(policy.costCenter()),
            limit.stripTrailingZeros().scale() < 0 ? limit.setScale(0) : limit.stripTrailingZeros(),
            policy.costCenter(),
            notices),
        null);
  }
}
