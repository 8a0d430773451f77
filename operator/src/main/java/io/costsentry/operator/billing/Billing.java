package io.costsentry.operator.billing;

import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.ledger.LedgerUnavailableException;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.crds.v1alpha1.BilledCost;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trailing indicators of a CostCenterBudget (docs/billing.md): cost allocation tags, the billed
 * cost and BillingDrift, its AWS budget, and the account's dashboard. Each feature is optional (its
 * part is {@code null} when off); none throws: what fails becomes a {@link Problem} the reconciler
 * reports as Degraded, and is retried on its own schedule, never on every reconcile.
 */
public final class Billing {
  /**
   * What the budget's status gets.
   *
   * @param billed the billed cost, or {@code null} when not read (the previous one is kept)
   * @param tagsActive whether the cost allocation tags are active, or {@code null} when unknown
   * @param awsBudgetName the AWS budget's name, or {@code null} when there is none
   * @param drift the BillingDrift condition, or {@code null} when billed cost is off
   * @param problems what does not work, for the Degraded condition
   */
  public record Observation(
      BilledCost billed,
      Boolean tagsActive,
      String awsBudgetName,
      Condition drift,
      List<Problem> problems) {
    public Observation {
      problems = List.copyOf(problems);
    }
  }

  private final TagActivation tags;
  private final BillCache bills;
  private final LedgerSpend ledgerSpend;
  private final DriftRule drift;
  private final AwsBudgetSync awsBudgets;
  private final DashboardPublisher dashboard;

  /**
   * @param costExplorer needed when tags or billed cost are on
   * @param budgets {@code null} when AWS budgets cannot be managed (no account id)
   * @param dashboards needed when the dashboard is on
   */
  public Billing(
      BillingConfig config,
      CostExplorer costExplorer,
      Budgets budgets,
      Dashboards dashboards,
      Ledger ledger,
      Clock clock) {
    this.tags = config.activateTags() ? new TagActivation(costExplorer, config, clock) : null;
    this.bills = config.billedCost() ? new BillCache(costExplorer, config, clock) : null;
    this.ledgerSpend = new LedgerSpend(ledger);
    this.drift = new DriftRule(config.driftTolerancePercent(), config.driftToleranceUsd());
    this.awsBudgets = budgets == null ? null : new AwsBudgetSync(budgets, config, clock);
    this.dashboard = config.dashboard() ? new DashboardPublisher(dashboards, config, clock) : null;
  }

  /** No billing feature: status keeps no billing fields, AWS budgets are reported unavailable. */
  public static Billing off(Ledger ledger) {
    return new Billing(BillingConfig.off(), null, null, null, ledger, Clock.systemUTC());
  }

  public Observation observe(
      CostCenterBudget resource, BudgetPolicy policy, CostCenterBudgetStatus previous) {
    List<Problem> problems = new ArrayList<>();
    Boolean tagsActive = null;
    if (tags != null) {
      TagActivation.State state = tags.current();
      tagsActive = state.active();
      Optional.ofNullable(state.problem()).ifPresent(problems::add);
    }
    if (dashboard != null) {
      Optional.ofNullable(dashboard.ensure()).ifPresent(problems::add);
    }
    BilledCost billed = null;
    Condition driftCondition = null;
    if (bills != null) {
      BillCache.Snapshot snapshot = bills.current();
      Optional.ofNullable(snapshot.problem()).ifPresent(problems::add);
      if (snapshot.bill().isPresent()) {
        BillCache.Bill bill = snapshot.bill().get();
        billed = billed(bill, policy.costCenter());
        driftCondition = judge(policy, bill, billed);
      } else {
        driftCondition =
            DriftRule.billNotRead(
                snapshot.problem() == null ? "not asked yet" : snapshot.problem().message());
      }
    }
    String previousName = previous == null ? null : previous.getAwsBudgetName();
    AwsBudgetPlan plan = AwsBudgetPlan.of(resource, policy);
    String awsBudgetName = previousName;
    if (awsBudgets != null) {
      AwsBudgetSync.Result result =
          awsBudgets.sync(resource.getMetadata().getName(), plan, previousName);
      awsBudgetName = result.name();
      Optional.ofNullable(result.problem()).ifPresent(problems::add);
    } else if (plan.wanted()) {
      problems.add(
          new Problem(
              "AwsBudgetUnavailable",
              "spec.awsBudget is set but the operator manages no AWS budgets: set"
                  + " --aws-account-id (COSTSENTRY_AWS_ACCOUNT_ID)"));
    }
    return new Observation(billed, tagsActive, awsBudgetName, driftCondition, problems);
  }

  /** Deletes the AWS budget of a CostCenterBudget being deleted; returns what failed. */
  public List<String> cleanup(CostCenterBudget resource, String costCenter) {
    if (awsBudgets == null) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    CostCenterBudgetStatus status = resource.getStatus();
    if (status != null && status.getAwsBudgetName() != null) {
      names.add(status.getAwsBudgetName());
    }
    if (resource.getSpec() != null && resource.getSpec().getAwsBudget() != null) {
      // created in a reconcile whose status write was lost: deleting it is harmless otherwise
      names.add(AwsBudget.nameOf(costCenter));
    }
    List<String> failures = new ArrayList<>();
    for (String name : names) {
      failures.addAll(awsBudgets.delete(resource.getMetadata().getName(), name));
    }
    return failures;
  }

  private static BilledCost billed(BillCache.Bill bill, String costCenter) {
    BilledCost billed = new BilledCost();
    billed.setAmountUSD(plain(bill.of(costCenter)));
    billed.setStart(bill.period().start().toString());
    billed.setEnd(bill.period().end().toString());
    billed.setRetrievedAt(bill.retrievedAt().toString());
    return billed;
  }

  private Condition judge(BudgetPolicy policy, BillCache.Bill bill, BilledCost billed) {
    try {
      Optional<LedgerSpend.Figure> figure = ledgerSpend.over(policy, bill.period());
      if (figure.isEmpty()) {
        return DriftRule.notComparable();
      }
      billed.setLedgerAmountUSD(plain(figure.get().usd()));
      return drift.judge(billed.getAmountUSD(), figure.get(), bill.period());
    } catch (LedgerUnavailableException e) {
      return DriftRule.billNotRead("the ledger cannot be read: " + e.getMessage());
    }
  }

  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
