package io.costsentry.operator.budget;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which budget governs a cost center that several budgets name: the oldest, by creation time and
 * then name, an order every replica computes alike. A budget being deleted still governs until its
 * cleanup is done: its finalizer deletes the profiles by their cost-center name, so a budget taking
 * over sooner would lose the profiles it had just adopted.
 */
public final class CostCenterOwnership {
  /** Oldest first. */
  public static final Comparator<CostCenterBudget> OLDER_FIRST = CostCenterOwnership::compare;

  private CostCenterOwnership() {}

  /** The cost center in force: spec.costCenter, else metadata.name. */
  public static String costCenter(CostCenterBudget budget) {
    String cc = budget.getSpec() == null ? null : budget.getSpec().getCostCenter();
    return cc == null || cc.isBlank() ? budget.getMetadata().getName() : cc;
  }

  /**
   * The budget among {@code budgets} that governs {@code costCenter} instead of {@code budget}, if
   * any.
   */
  public static Optional<CostCenterBudget> governing(
      CostCenterBudget budget, String costCenter, Stream<CostCenterBudget> budgets) {
    String name = budget.getMetadata().getName();
    return budgets
        .filter(other -> !other.getMetadata().getName().equals(name))
        .filter(other -> costCenter.equals(costCenter(other)))
        .filter(other -> compare(other, budget) < 0)
        .min(OLDER_FIRST);
  }

  private static int compare(CostCenterBudget a, CostCenterBudget b) {
    String ta = a.getMetadata().getCreationTimestamp();
    String tb = b.getMetadata().getCreationTimestamp();
    if (ta != null && tb != null && !ta.equals(tb)) {
      return Instant.parse(ta).compareTo(Instant.parse(tb));
    }
    return a.getMetadata().getName().compareTo(b.getMetadata().getName());
  }
}
