package io.costsentry.core.budget;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.Enforcement;
import io.costsentry.core.policy.LimitPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finds the limits that apply to a request: its cost center's limits in scope and the alias's. */
public final class LimitResolver {
  private LimitResolver() {}

  public static List<ApplicableLimit> applicable(BudgetPolicy budget, RequestFacts facts) {
    List<ApplicableLimit> result = new ArrayList<>();
    boolean enforced = budget.enforcement() == Enforcement.ENFORCE;
    for (LimitPolicy limit : budget.limits()) {
      if (limit.scope().matches(facts.alias().name(), facts.applicationId(), facts.environment())) {
        result.add(
            bind(
                LimitOwner.budget(budget.name()),
                "budget#" + budget.costCenter(),
                limit,
                facts.at(),
                enforced));
      }
    }
    AliasPolicy alias = facts.alias();
    for (LimitPolicy limit : alias.limits()) {
      if (limit.scope().matches(alias.name(), facts.applicationId(), facts.environment())) {
        // Global per-model limits protect the shared account quota: enforced whatever the
        // budget's mode.
        result.add(
            bind(LimitOwner.alias(alias.name()), "alias#" + alias.name(), limit, facts.at(), true));
      }
    }
    return result;
  }

  private static ApplicableLimit bind(
      LimitOwner owner, String scope, LimitPolicy limit, Instant at, boolean enforced) {
    CounterKey key =
        new CounterKey(scope + "#" + limit.name(), limit.period().windowAt(at, limit.zone()));
    return new ApplicableLimit(owner, scope, limit, key, enforced);
  }
}
