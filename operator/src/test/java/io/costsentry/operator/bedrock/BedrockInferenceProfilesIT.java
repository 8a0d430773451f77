package io.costsentry.operator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.simulator.bedrock.controlplane.ApplicationProfile;
import io.costsentry.simulator.bedrock.controlplane.BedrockControlPlaneSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The adapter, on the client its factory builds (retries included), against the simulator. */
class BedrockInferenceProfilesIT {
  private static final String HAIKU = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
  private static final String HAIKU_ARN = BedrockControlPlaneSimulator.systemProfileArn(HAIKU);
  private static final String NOVA_LITE = "amazon.nova-lite-v1:0";
  private static final String NOVA_LITE_ARN =
      BedrockControlPlaneSimulator.foundationModelArn(NOVA_LITE);
  private static final Map<String, String> TAGS =
      Map.of("costCenter", "support", "managed-by", "costsentry");

  private static BedrockControlPlaneSimulator simulator;
  private static BedrockInferenceProfiles profiles;

  @BeforeAll
  static void start() {
    simulator = BedrockControlPlaneSimulator.start();
    profiles =
        BedrockInferenceProfiles.create(
            Region.US_EAST_1,
            simulator.endpoint(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
  }

  @AfterAll
  static void stop() {
    profiles.close();
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  @Test
  void ensureCreatesOnceAndIsIdempotent() {
    ProfileState first = profiles.ensure("support-haiku", HAIKU_ARN, TAGS);
    // Without the ARN: the create is repeated with the same client request token.
    ProfileState second = profiles.ensure("support-haiku", HAIKU_ARN, TAGS);
    ProfileState third = profiles.ensure("support-haiku", HAIKU_ARN, TAGS, first.arn());

    assertThat(first.change()).isEqualTo(ProfileState.Change.CREATED);
    assertThat(first.arn()).contains(":application-inference-profile/");
    assertThat(second.arn()).isEqualTo(first.arn());
    assertThat(second.tags()).isEqualTo(TAGS);
    assertThat(third.change()).isEqualTo(ProfileState.Change.NONE);
    assertThat(third.arn()).isEqualTo(first.arn());
    assertThat(simulator.profiles()).hasSize(1);
    assertThat(simulator.callCount("CreateInferenceProfile")).isEqualTo(2);
    assertThat(simulator.callCount("ListInferenceProfiles")).isZero();
    assertThat(simulator.callCount("TagResource")).isZero();
    ApplicationProfile stored = simulator.profiles().get("support-haiku");
    assertThat(stored.modelSource()).isEqualTo(HAIKU_ARN);
    assertThat(stored.tags()).isEqualTo(TAGS);
  }

  @Test
  void ensureAdoptsAProfileSomeoneElseCreatedAndTagsIt() {
    ApplicationProfile theirs =
        simulator.createProfile("legacy-nova", NOVA_LITE_ARN, Map.of("owner", "finance"));

    ProfileState adopted = profiles.ensure("legacy-nova", NOVA_LITE_ARN, TAGS);
    ProfileState again = profiles.ensure("legacy-nova", NOVA_LITE_ARN, TAGS);

    assertThat(adopted.change()).isEqualTo(ProfileState.Change.ADOPTED);
    assertThat(adopted.arn()).isEqualTo(theirs.arn());
    assertThat(adopted.tags()).containsAllEntriesOf(TAGS).containsEntry("owner", "finance");
    assertThat(again.change()).isEqualTo(ProfileState.Change.NONE);
    assertThat(simulator.profiles().get("legacy-nova").tags())
        .containsAllEntriesOf(TAGS)
        .containsEntry("owner", "finance");
    assertThat(simulator.profiles()).hasSize(1);
  }

  @Test
  void ensureRepairsTagDriftMadeOutsideTheOperator() {
    String arn = profiles.ensure("drifting", HAIKU_ARN, TAGS).arn();
    simulator.setTags(arn, Map.of("costCenter", "sales", "managed-by", "costsentry"));

    ProfileState repaired = profiles.ensure("drifting", HAIKU_ARN, TAGS);

    assertThat(repaired.change()).isEqualTo(ProfileState.Change.RETAGGED);
    assertThat(repaired.tags()).isEqualTo(TAGS);
    assertThat(simulator.profiles().get("drifting").tags()).isEqualTo(TAGS);
  }

  @Test
  void aKnownArnIsCheckedDirectlyWithoutListingEveryProfile() {
    String arn = profiles.ensure("known", HAIKU_ARN, TAGS).arn();
    simulator.setTags(arn, Map.of("costCenter", "sales"));
    int lists = simulator.callCount("ListInferenceProfiles");

    ProfileState checked = profiles.ensure("known", HAIKU_ARN, TAGS, arn);

    assertThat(checked.arn()).isEqualTo(arn);
    assertThat(checked.change()).isEqualTo(ProfileState.Change.ADOPTED);
    assertThat(simulator.profiles().get("known").tags()).containsAllEntriesOf(TAGS);
    assertThat(simulator.callCount("ListInferenceProfiles")).isEqualTo(lists);
    assertThat(simulator.callCount("GetInferenceProfile")).isEqualTo(1);
  }

  @Test
  void aKnownArnThatIsGoneOrNamesAnotherProfileFallsBackToTheName() {
    String deleted = profiles.ensure("gone", HAIKU_ARN, TAGS).arn();
    profiles.delete(deleted);
    String other = profiles.ensure("other", HAIKU_ARN, TAGS).arn();
    ApplicationProfile theirs = simulator.createProfile("adoptable", NOVA_LITE_ARN, Map.of());

    ProfileState recreated = profiles.ensure("gone", HAIKU_ARN, TAGS, deleted);
    ProfileState adopted = profiles.ensure("adoptable", NOVA_LITE_ARN, TAGS, other);

    assertThat(recreated.change()).isEqualTo(ProfileState.Change.CREATED);
    assertThat(recreated.arn()).isNotEqualTo(deleted);
    assertThat(adopted.change()).isEqualTo(ProfileState.Change.ADOPTED);
    assertThat(adopted.arn()).isEqualTo(theirs.arn());
  }

  @Test
  void findReportsTheProfileOrNothing() {
    String arn = profiles.ensure("findable", NOVA_LITE_ARN, TAGS).arn();

    assertThat(profiles.find("findable"))
        .hasValueSatisfying(
            p -> {
              assertThat(p.arn()).isEqualTo(arn);
              assertThat(p.tags()).isEqualTo(TAGS);
            });
    assertThat(profiles.find("absent")).isEmpty();
  }

  @Test
  void deletingTwiceIsFine() {
    String arn = profiles.ensure("doomed", NOVA_LITE_ARN, TAGS).arn();

    profiles.delete(arn);
    profiles.delete(arn);

    assertThat(simulator.profiles()).isEmpty();
    assertThat(simulator.callCount("DeleteInferenceProfile")).isEqualTo(2);
  }

  @Test
  void resolveModelAcceptsFoundationModelIdsProfileIdsAndArns() {
    assertThat(profiles.resolveModel(NOVA_LITE))
        .isEqualTo(new ResolvedModel(NOVA_LITE, NOVA_LITE_ARN, "foundation-model"));
    assertThat(profiles.resolveModel(HAIKU))
        .isEqualTo(new ResolvedModel(HAIKU, HAIKU_ARN, "inference-profile"));
    assertThat(profiles.resolveModel(HAIKU_ARN).arn()).isEqualTo(HAIKU_ARN);
    assertThat(profiles.resolveModel(NOVA_LITE_ARN).kind()).isEqualTo("foundation-model");
    String app = profiles.ensure("resolvable", NOVA_LITE_ARN, TAGS).arn();
    assertThat(profiles.resolveModel(app))
        .isEqualTo(new ResolvedModel(app, app, "application-inference-profile"));
  }

  @Test
  void anUnknownModelIsPermanentlyNotFound() {
    for (String unknown :
        new String[] {
          "anthropic.claude-ghost-v9:0",
          "us.anthropic.claude-ghost-v9:0",
          BedrockControlPlaneSimulator.foundationModelArn("anthropic.claude-ghost-v9:0"),
          "not a model"
        }) {
      assertThatThrownBy(() -> profiles.resolveModel(unknown))
          .as(unknown)
          .isInstanceOfSatisfying(
              PermanentAwsException.class,
              e -> assertThat(e.reason()).isEqualTo(BedrockInferenceProfiles.MODEL_NOT_FOUND));
    }
  }

  @Test
  void ensureWithAnUnknownSourceIsPermanentlyNotFound() {
    String ghost = BedrockControlPlaneSimulator.foundationModelArn("anthropic.claude-ghost-v9:0");

    assertThatThrownBy(() -> profiles.ensure("ghostly", ghost, TAGS))
        .isInstanceOfSatisfying(
            PermanentAwsException.class,
            e -> assertThat(e.reason()).isEqualTo(BedrockInferenceProfiles.MODEL_NOT_FOUND));
  }

  @Test
  void throttlingIsAbsorbedByTheSdkRetries() {
    simulator.faults().throttleNext(2);

    ProfileState created = profiles.ensure("patient", HAIKU_ARN, TAGS);

    assertThat(created.change()).isEqualTo(ProfileState.Change.CREATED);
    assertThat(simulator.callCount("CreateInferenceProfile")).isEqualTo(3);
    assertThat(simulator.profiles()).hasSize(1);
  }

  @Test
  void persistentServerErrorsAreTransient() {
    simulator
        .faults()
        .failNext(BedrockInferenceProfiles.MAX_ATTEMPTS, 500, "InternalServerException");

    assertThatThrownBy(() -> profiles.find("anything")).isInstanceOf(TransientAwsException.class);
    assertThat(simulator.callCount("ListInferenceProfiles"))
        .isEqualTo(BedrockInferenceProfiles.MAX_ATTEMPTS);
  }

  @Test
  void permanentErrorsCarryTheirReason() {
    simulator.faults().failNext(1, 403, "AccessDeniedException");
    assertThatThrownBy(() -> profiles.ensure("denied", HAIKU_ARN, TAGS))
        .isInstanceOfSatisfying(
            PermanentAwsException.class,
            e -> assertThat(e.reason()).isEqualTo(BedrockInferenceProfiles.ACCESS_DENIED));

    simulator.faults().failNext(1, 400, "ServiceQuotaExceededException");
    assertThatThrownBy(() -> profiles.ensure("over-quota", HAIKU_ARN, TAGS))
        .isInstanceOfSatisfying(
            PermanentAwsException.class,
            e -> assertThat(e.reason()).isEqualTo(BedrockInferenceProfiles.QUOTA_EXCEEDED));

    assertThatThrownBy(() -> profiles.ensure("bad name!", HAIKU_ARN, TAGS))
        .isInstanceOfSatisfying(
            PermanentAwsException.class,
            e -> assertThat(e.reason()).isEqualTo(BedrockInferenceProfiles.INVALID_REQUEST));
    assertThat(simulator.profiles()).isEmpty();
  }

  @Test
  void theCreateTokenDependsOnlyOnNameAndSourceSoARetriedCreateIsIdempotent() {
    String token = BedrockInferenceProfiles.clientRequestToken("retried", HAIKU_ARN);

    assertThat(token).isEqualTo(BedrockInferenceProfiles.clientRequestToken("retried", HAIKU_ARN));
    assertThat(token)
        .isNotEqualTo(BedrockInferenceProfiles.clientRequestToken("retried", NOVA_LITE_ARN));
  }
}
