package io.costsentry.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CostCenterOwnershipTest {

  private static CostCenterBudget budget(String name, String costCenter, String created) {
    CostCenterBudget b = new CostCenterBudget();
    b.setMetadata(new ObjectMetaBuilder().withName(name).withCreationTimestamp(created).build());
    CostCenterBudgetSpec spec = new CostCenterBudgetSpec();
    spec.setCostCenter(costCenter);
    b.setSpec(spec);
    return b;
  }

  @Test
  void theCostCenterIsTheSpecsElseTheName() {
    assertThat(CostCenterOwnership.costCenter(budget("support", null, null))).isEqualTo("support");
    assertThat(CostCenterOwnership.costCenter(budget("support-2027", "support", null)))
        .isEqualTo("support");
  }

  @Test
  void theOldestBudgetOfACostCenterGovernsIt() {
    CostCenterBudget old = budget("b", "support", "2026-01-01T00:00:00Z");
    CostCenterBudget older = budget("c", "support", "2025-01-01T00:00:00Z");
    CostCenterBudget young = budget("a", "support", "2026-06-01T00:00:00Z");
    CostCenterBudget other = budget("z", "research", "2020-01-01T00:00:00Z");

    assertThat(CostCenterOwnership.governing(young, "support", Stream.of(young, old, older, other)))
        .contains(older);
    assertThat(CostCenterOwnership.governing(older, "support", Stream.of(young, old, older, other)))
        .isEmpty();
  }

  @Test
  void budgetsCreatedInTheSameSecondAreOrderedByName() {
    CostCenterBudget a = budget("a", "support", "2026-01-01T00:00:00Z");
    CostCenterBudget b = budget("b", "support", "2026-01-01T00:00:00Z");

    assertThat(CostCenterOwnership.governing(b, "support", Stream.of(a, b))).contains(a);
    assertThat(CostCenterOwnership.governing(a, "support", Stream.of(a, b))).isEmpty();
  }

  @Test
  void aBudgetBeingDeletedStillGovernsUntilItIsGone() {
    CostCenterBudget leaving = budget("a", "support", "2026-01-01T00:00:00Z");
    leaving.getMetadata().setDeletionTimestamp("2026-11-27T08:00:00Z");
    CostCenterBudget waiting = budget("b", "support", "2026-02-01T00:00:00Z");

    assertThat(CostCenterOwnership.governing(waiting, "support", Stream.of(leaving, waiting)))
        .contains(leaving);
  }
}
