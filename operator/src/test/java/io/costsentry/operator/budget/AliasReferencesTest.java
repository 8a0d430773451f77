package io.costsentry.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class AliasReferencesTest {

  @Test
  void aBudgetWithProfilesForEveryAliasUsesEachAlias() {
    assertThat(AliasReferences.uses(budget("{\"limits\":[]}", null), "haiku")).isTrue();
    assertThat(
            AliasReferences.uses(
                budget("{\"limits\":[],\"inferenceProfiles\":{\"enabled\":true}}", null), "haiku"))
        .isTrue();
  }

  @Test
  void aBudgetSelectingOtherAliasesDoesNotUseThisOne() {
    CostCenterBudget b =
        budget("{\"limits\":[],\"inferenceProfiles\":{\"aliases\":[\"nova\"]}}", null);
    assertThat(AliasReferences.uses(b, "nova")).isTrue();
    assertThat(AliasReferences.uses(b, "haiku")).isFalse();
  }

  @Test
  void aBudgetWithoutProfilesUsesOnlyTheAliasesItsLimitsScope() {
    String spec =
        "{\"inferenceProfiles\":{\"enabled\":false},\"limits\":[{\"name\":\"l\",\"period\":\"Day\","
            + "\"maxCostUSD\":1,\"scope\":{\"model\":\"haiku\"}}]}";
    assertThat(AliasReferences.uses(budget(spec, null), "haiku")).isTrue();
    assertThat(AliasReferences.uses(budget(spec, null), "nova")).isFalse();
  }

  @Test
  void aProfileStillInStatusKeepsTheAliasInUseSoItCanBeDeleted() {
    String spec = "{\"limits\":[],\"inferenceProfiles\":{\"aliases\":[\"nova\"]}}";
    String status = "{\"inferenceProfiles\":[{\"alias\":\"haiku\",\"arn\":\"arn:p\"}]}";
    assertThat(AliasReferences.uses(budget(spec, status), "haiku")).isTrue();
  }

  private static CostCenterBudget budget(String spec, String status) {
    return Serialization.unmarshal(
        "{\"apiVersion\":\"costsentry.io/v1alpha1\",\"kind\":\"CostCenterBudget\","
            + "\"metadata\":{\"name\":\"team\"},\"spec\":"
            + spec
            + (status == null ? "" : ",\"status\":" + status)
            + "}",
        CostCenterBudget.class);
  }
}
