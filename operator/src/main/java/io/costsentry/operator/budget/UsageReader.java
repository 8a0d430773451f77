package io.costsentry.operator.budget;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.ledger.LedgerUnavailableException;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.Window;
import io.costsentry.crds.v1alpha1.LimitStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads each limit's current window from the ledger: the counters the sidecars write. */
public final class UsageReader {
  private final Ledger ledger;

  public UsageReader(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The counter id of a budget limit, as the sidecars' {@code LimitResolver} binds it. */
  public static String counterId(String costCenter, String limitName) {
    return "budget#" + costCenter + "#" + limitName;
  }

  /**
   * @throws LedgerUnavailableException when the ledger cannot be read
   */
  public List<LimitStatus> read(BudgetPolicy budget, Instant now) {
    List<LimitStatus> result = new ArrayList<>(budget.limits().size());
    for (LimitPolicy limit : budget.limits()) {
      Window window = limit.period().windowAt(now, limit.zone());
      CounterKey key = new CounterKey(counterId(budget.costCenter(), limit.name()), window);
      result.add(LimitUsage.of(limit, window, ledger.read(key).used()));
    }
    return result;
  }
}
