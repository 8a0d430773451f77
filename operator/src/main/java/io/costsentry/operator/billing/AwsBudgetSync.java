package io.costsentry.operator.billing;

import io.costsentry.operator.bedrock.PermanentAwsException;
import io.costsentry.operator.bedrock.TransientAwsException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each CostCenterBudget's AWS budget as its {@link AwsBudgetPlan} says: created, updated
 * (limit, filter, notifications) when the plan changed, deleted when no longer wanted. A plan that
 * was applied is checked against AWS again only after the billing refresh interval (drift made in
 * the console); a failed one is retried after the retry interval, or at once when the plan changes.
 */
public final class AwsBudgetSync {
  private static final Logger log = LoggerFactory.getLogger(AwsBudgetSync.class);

  /**
   * @param name the AWS budget's name while it exists, else {@code null}
   * @param problem why the plan is not in force, or {@code null}
   */
  public record Result(String name, Problem problem) {}

  private record Memo(AwsBudgetPlan plan, String previousName, Instant due, Result result) {}

  private final Budgets budgets;
  private final BillingConfig config;
  private final Clock clock;
  private final Map<String, Memo> memos = new ConcurrentHashMap<>();

  public AwsBudgetSync(Budgets budgets, BillingConfig config, Clock clock) {
    this.budgets = budgets;
    this.config = config;
    this.clock = clock;
  }

  /**
   * @param resource the CostCenterBudget's name, the key of what was done for it
   * @param previousName the AWS budget its status names, or {@code null}
   */
  public Result sync(String resource, AwsBudgetPlan plan, String previousName) {
    Instant now = clock.instant();
    Memo memo = memos.get(resource);
    if (memo != null
        && memo.plan().equals(plan)
        && java.util.Objects.equals(memo.previousName(), previousName)
        && now.isBefore(memo.due())) {
      return memo.result();
    }
    Result result;
    boolean failed = false;
    try {
      result = apply(plan, previousName);
      failed = result.problem() != null;
    } catch (PermanentAwsException | TransientAwsException e) {
      log.warn("CostCenterBudget {}: AWS budget not in sync: {}", resource, e.getMessage());
      result = new Result(previousName, Problem.of("AwsBudget", e));
      failed = true;
    }
    Instant due = now.plus(failed ? config.retryInterval() : config.refreshInterval());
    memos.put(resource, new Memo(plan, result.name(), due, result));
    return result;
  }

  /** Deletes the AWS budget of a CostCenterBudget being deleted; failures are returned. */
  public List<String> delete(String resource, String name) {
    List<String> failures = new ArrayList<>();
    if (name != null) {
      try {
        budgets.delete(name);
        log.info("CostCenterBudget {}: AWS budget {} deleted", resource, name);
      } catch (PermanentAwsException | TransientAwsException e) {
        failures.add("deleting AWS budget " + name + ": " + e.getMessage());
      }
    }
    if (failures.isEmpty()) {
      memos.remove(resource);
    }
    return failures;
  }

  private Result apply(AwsBudgetPlan plan, String previousName) {
    AwsBudget desired = plan.budget();
    if (previousName != null && (desired == null || !desired.name().equals(previousName))) {
      budgets.delete(previousName);
      log.info("AWS budget {} deleted: no longer wanted under this name", previousName);
    }
    if (!plan.wanted()) {
      return new Result(null, null);
    }
    if (desired == null) {
      return new Result(null, new Problem("AwsBudgetInvalid", plan.problem()));
    }
    Optional<AwsBudget> current = budgets.describe(desired.name());
    if (current.isEmpty()) {
      budgets.create(desired);
      log.info(
          "AWS budget {} created: {} USD a month on {}, {} notification(s)",
          desired.name(),
          desired.limitUsd(),
          desired.tagKeyValue(),
          desired.notifications().size());
      return new Result(desired.name(), null);
    }
    if (!current.get().sameBudget(desired)) {
      budgets.update(desired);
      log.info("AWS budget {} updated: {} USD a month", desired.name(), desired.limitUsd());
    }
    List<AwsBudget.Notice> have = current.get().notifications();
    for (AwsBudget.Notice notice : have) {
      if (!desired.notifications().contains(notice)) {
        budgets.deleteNotification(desired.name(), notice);
      }
    }
    for (AwsBudget.Notice notice : desired.notifications()) {
      if (!have.contains(notice)) {
        budgets.createNotification(desired.name(), notice);
      }
    }
    return new Result(desired.name(), null);
  }
}
