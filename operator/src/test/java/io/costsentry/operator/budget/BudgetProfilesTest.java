package io.costsentry.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.config.InMemoryPolicyStore;
import io.costsentry.crds.v1alpha1.InferenceProfileStatus;
import io.costsentry.operator.bedrock.FakeInferenceProfiles;
import io.costsentry.operator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BudgetProfilesTest {
  private static final Duration DRIFT_REPAIR = Duration.ofMinutes(10);
  private static final String MODEL = "arn:aws:bedrock:us-east-1::foundation-model/m";
  private static final Map<String, String> TAGS = ProfileTags.desired("team", null, null, null);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private final FakeInferenceProfiles bedrock = new FakeInferenceProfiles();
  private final InMemoryPolicyStore store = new InMemoryPolicyStore();
  private final BudgetProfiles profiles = new BudgetProfiles(bedrock, store, clock, DRIFT_REPAIR);

  @Test
  void aProfileCheckedRecentlyIsNotAskedAboutAgainUntilTheDriftRepairInterval() {
    BudgetProfiles.Outcome first = sync(TAGS, null, 1);
    String name = ProfileNames.of("team", "haiku");
    assertThat(bedrock.calls()).containsExactly("ensure " + name + " null");
    String arn = first.profiles().get(0).getArn();
    bedrock.clearCalls();

    BudgetProfiles.Outcome refreshed = sync(TAGS, first.profiles(), 1);
    // Checked again between 80 % and 100 % of the interval, depending on the profile.
    clock.advance(DRIFT_REPAIR.multipliedBy(4).dividedBy(5).minusSeconds(1));
    sync(TAGS, first.profiles(), 1);
    assertThat(bedrock.calls()).as("status refreshes ask Bedrock nothing").isEmpty();
    assertThat(refreshed.profiles())
        .extracting(InferenceProfileStatus::getArn)
        .containsExactly(arn);

    clock.advance(DRIFT_REPAIR.dividedBy(5).plusSeconds(1));
    sync(TAGS, first.profiles(), 1);
    assertThat(bedrock.calls())
        .as("drift repair checks the profile by the ARN in status")
        .containsExactly("ensure " + name + " " + arn);
  }

  @Test
  void profilesOfOneCostCenterFallDueAtDifferentTimes() {
    Map<String, String> models = new TreeMap<>();
    for (int i = 0; i < 20; i++) {
      models.put("alias-" + i, MODEL);
    }
    BudgetProfiles.Outcome first = profiles.sync("team", models, TAGS, null, "team", 1);
    bedrock.clearCalls();

    clock.advance(DRIFT_REPAIR.multipliedBy(9).dividedBy(10));
    profiles.sync("team", models, TAGS, first.profiles(), "team", 1);
    assertThat(bedrock.calls()).hasSizeBetween(1, 19);
  }

  @Test
  void otherTagsOrANewGenerationAreSyncedAtOnce() {
    BudgetProfiles.Outcome first = sync(TAGS, null, 1);
    bedrock.clearCalls();

    sync(ProfileTags.desired("team", "app", null, null), first.profiles(), 1);
    sync(ProfileTags.desired("team", "app", null, null), first.profiles(), 2);
    assertThat(bedrock.calls()).hasSize(2);
  }

  @Test
  void aProfileMissingFromStatusIsCheckedAgain() {
    sync(TAGS, null, 1);
    bedrock.clearCalls();

    sync(TAGS, null, 1); // status lost the profile: what was checked is not what status says
    assertThat(bedrock.calls()).hasSize(1);
  }

  @Test
  void aProfileDeletedByHandIsRecreatedAndReroutedAtDriftRepair() {
    BudgetProfiles.Outcome first = sync(TAGS, null, 1);
    bedrock.deleteByHand(ProfileNames.of("team", "haiku"));

    clock.advance(DRIFT_REPAIR);
    BudgetProfiles.Outcome repaired = sync(TAGS, first.profiles(), 1);

    String arn = repaired.profiles().get(0).getArn();
    assertThat(arn).isNotEqualTo(first.profiles().get(0).getArn());
    assertThat(store.read().routes().values()).containsExactly(arn);
  }

  private BudgetProfiles.Outcome sync(
      Map<String, String> tags, List<InferenceProfileStatus> previous, long generation) {
    return profiles.sync("team", Map.of("haiku", MODEL), tags, previous, "team", generation);
  }
}
