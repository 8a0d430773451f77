package io.costsentry.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetSpec;
import io.costsentry.crds.v1alpha1.InferenceProfilesSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTagsTest {

  @Test
  void carriesTheFourCostSentryTagsWithSharedDefaults() {
    assertThat(ProfileTags.desired("support", null, " ", null))
        .containsOnly(
            entry("costCenter", "support"),
            entry("applicationId", "shared"),
            entry("environment", "shared"),
            entry("managed-by", "costsentry"));
  }

  @Test
  void specTagsAreAddedButNeverOverrideCostSentrysOwn() {
    assertThat(
            ProfileTags.desired(
                "support", "chatbot", "prod", Map.of("team", "care", "costCenter", "spoofed")))
        .containsEntry("team", "care")
        .containsEntry("costCenter", "support")
        .containsEntry("applicationId", "chatbot")
        .containsEntry("environment", "prod");
  }

  @Test
  void theSpecNamesTheApplicationAndEnvironment() {
    CostCenterBudget budget = new CostCenterBudget();
    budget.setMetadata(new ObjectMetaBuilder().withName("support").build());
    CostCenterBudgetSpec spec = new CostCenterBudgetSpec();
    InferenceProfilesSpec profiles = new InferenceProfilesSpec();
    profiles.setApplicationId("chatbot");
    profiles.setEnvironment("staging");
    profiles.setTags(Map.of("owner", "ops"));
    spec.setInferenceProfiles(profiles);
    budget.setSpec(spec);

    assertThat(ProfileTags.of(budget, "support"))
        .containsOnly(
            entry("costCenter", "support"),
            entry("applicationId", "chatbot"),
            entry("environment", "staging"),
            entry("managed-by", "costsentry"),
            entry("owner", "ops"));
  }
}
