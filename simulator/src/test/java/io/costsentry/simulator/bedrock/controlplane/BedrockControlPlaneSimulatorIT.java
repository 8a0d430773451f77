package io.costsentry.simulator.bedrock.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.ConflictException;
import software.amazon.awssdk.services.bedrock.model.CreateInferenceProfileResponse;
import software.amazon.awssdk.services.bedrock.model.GetFoundationModelResponse;
import software.amazon.awssdk.services.bedrock.model.GetInferenceProfileResponse;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileStatus;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.services.bedrock.model.ListInferenceProfilesResponse;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrock.model.Tag;
import software.amazon.awssdk.services.bedrock.model.ThrottlingException;
import software.amazon.awssdk.services.bedrock.model.ValidationException;

/** The real {@code BedrockClient} (Apache 5, SigV4, no retries) against the simulator. */
class BedrockControlPlaneSimulatorIT {
  private static final String HAIKU_PROFILE = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
  private static final String HAIKU_PROFILE_ARN =
      BedrockControlPlaneSimulator.systemProfileArn(HAIKU_PROFILE);
  private static final String NOVA_LITE_ARN =
      BedrockControlPlaneSimulator.foundationModelArn("amazon.nova-lite-v1:0");

  private static BedrockControlPlaneSimulator simulator;
  private static BedrockClient bedrock;

  @BeforeAll
  static void start() {
    simulator = BedrockControlPlaneSimulator.start();
    bedrock =
        BedrockClient.builder()
            .endpointOverride(simulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
  }

  @AfterAll
  static void stop() {
    bedrock.close();
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  @Test
  void createAnswers201WithAnApplicationProfileArnTheSdkParses() {
    CreateInferenceProfileResponse created = create("support-claude", HAIKU_PROFILE_ARN);

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(created.status()).isEqualTo(InferenceProfileStatus.ACTIVE);
    assertThat(created.inferenceProfileArn())
        .matches(
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/[a-z0-9]{12}");
    assertThat(simulator.profiles().get("support-claude").modelSource())
        .isEqualTo(HAIKU_PROFILE_ARN);
    assertThat(simulator.callCount("CreateInferenceProfile")).isEqualTo(1);
  }

  @Test
  void getByPercentEncodedArnOrIdReturnsTheProfileWithItsModels() {
    String arn = create("by-arn", HAIKU_PROFILE_ARN).inferenceProfileArn();

    GetInferenceProfileResponse byArn =
        bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier(arn));
    String id = arn.substring(arn.lastIndexOf('/') + 1);
    GetInferenceProfileResponse byId =
        bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier(id));

    assertThat(byArn.inferenceProfileName()).isEqualTo("by-arn");
    assertThat(byArn.inferenceProfileId()).isEqualTo(id);
    assertThat(byArn.type()).isEqualTo(InferenceProfileType.APPLICATION);
    assertThat(byArn.createdAt()).isNotNull();
    assertThat(byArn.models()).hasSize(3);
    assertThat(byId.inferenceProfileArn()).isEqualTo(arn);
  }

  @Test
  void systemDefinedProfilesAndFoundationModelsAreKnown() {
    GetInferenceProfileResponse system =
        bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier(HAIKU_PROFILE));
    GetFoundationModelResponse model =
        bedrock.getFoundationModel(r -> r.modelIdentifier("amazon.nova-lite-v1:0"));
    GetFoundationModelResponse byArn =
        bedrock.getFoundationModel(r -> r.modelIdentifier(NOVA_LITE_ARN));

    assertThat(system.inferenceProfileArn()).isEqualTo(HAIKU_PROFILE_ARN);
    assertThat(system.type()).isEqualTo(InferenceProfileType.SYSTEM_DEFINED);
    assertThat(model.modelDetails().modelArn()).isEqualTo(NOVA_LITE_ARN);
    assertThat(byArn.modelDetails().modelId()).isEqualTo("amazon.nova-lite-v1:0");
    assertThatThrownBy(
            () -> bedrock.getFoundationModel(r -> r.modelIdentifier("anthropic.claude-ghost-v9:0")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier("us.ghost-v1:0")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listPaginatesApplicationProfilesInCreationOrder() {
    for (int i = 0; i < 5; i++) {
      create("page-" + i, NOVA_LITE_ARN);
    }

    ListInferenceProfilesResponse first =
        bedrock.listInferenceProfiles(
            r -> r.typeEquals(InferenceProfileType.APPLICATION).maxResults(2));
    List<String> names =
        bedrock
            .listInferenceProfilesPaginator(
                r -> r.typeEquals(InferenceProfileType.APPLICATION).maxResults(2))
            .inferenceProfileSummaries()
            .stream()
            .map(InferenceProfileSummary::inferenceProfileName)
            .toList();

    assertThat(first.inferenceProfileSummaries()).hasSize(2);
    assertThat(first.nextToken()).isNotBlank();
    assertThat(names).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
    assertThat(simulator.callCount("ListInferenceProfiles")).isEqualTo(4);
  }

  @Test
  void listWithoutATypeShowsSystemDefinedProfilesOnly() {
    create("hidden-by-default", NOVA_LITE_ARN);

    List<InferenceProfileSummary> all =
        bedrock.listInferenceProfilesPaginator(r -> {}).inferenceProfileSummaries().stream()
            .toList();

    assertThat(all).isNotEmpty().allMatch(p -> p.type() == InferenceProfileType.SYSTEM_DEFINED);
    assertThat(all).extracting(InferenceProfileSummary::inferenceProfileId).contains(HAIKU_PROFILE);
  }

  @Test
  void aTakenNameIsAConflict() {
    create("twice", NOVA_LITE_ARN);

    assertThatThrownBy(() -> create("twice", HAIKU_PROFILE_ARN))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    assertThat(simulator.profiles()).hasSize(1);
  }

  @Test
  void aRepeatedClientRequestTokenReturnsTheSameProfile() {
    String first =
        bedrock
            .createInferenceProfile(
                r ->
                    r.inferenceProfileName("idem")
                        .clientRequestToken("token-1")
                        .modelSource(s -> s.copyFrom(NOVA_LITE_ARN)))
            .inferenceProfileArn();
    String second =
        bedrock
            .createInferenceProfile(
                r ->
                    r.inferenceProfileName("idem")
                        .clientRequestToken("token-1")
                        .modelSource(s -> s.copyFrom(NOVA_LITE_ARN)))
            .inferenceProfileArn();

    assertThat(second).isEqualTo(first);
    assertThat(simulator.profiles()).hasSize(1);
  }

  @Test
  void anUnknownSourceIsNotFoundAndABadNameIsInvalid() {
    assertThatThrownBy(
            () ->
                create(
                    "ghost",
                    BedrockControlPlaneSimulator.foundationModelArn("anthropic.claude-ghost-v9:0")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> create("bad name!", NOVA_LITE_ARN))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("inferenceProfileName");
    assertThatThrownBy(
            () ->
                create(
                    "copy-of-app",
                    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456"))
        .isInstanceOf(ValidationException.class);
    assertThat(simulator.profiles()).isEmpty();
  }

  @Test
  void deleteRemovesTheProfileAndThenItIsNotFound() {
    String arn = create("short-lived", NOVA_LITE_ARN).inferenceProfileArn();

    bedrock.deleteInferenceProfile(r -> r.inferenceProfileIdentifier(arn));

    assertThat(simulator.profiles()).isEmpty();
    assertThatThrownBy(() -> bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier(arn)))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> bedrock.deleteInferenceProfile(r -> r.inferenceProfileIdentifier(arn)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void tagsRoundTripThroughCreateTagUntagAndList() {
    String arn =
        bedrock
            .createInferenceProfile(
                r ->
                    r.inferenceProfileName("tagged")
                        .modelSource(s -> s.copyFrom(NOVA_LITE_ARN))
                        .tags(Tag.builder().key("costCenter").value("support").build()))
            .inferenceProfileArn();

    bedrock.tagResource(
        r ->
            r.resourceARN(arn)
                .tags(
                    Tag.builder().key("team").value("care").build(),
                    Tag.builder().key("costCenter").value("sales").build()));
    bedrock.untagResource(r -> r.resourceARN(arn).tagKeys("team"));
    Map<String, String> tags =
        bedrock.listTagsForResource(r -> r.resourceARN(arn)).tags().stream()
            .collect(Collectors.toMap(Tag::key, Tag::value));

    assertThat(tags).containsExactly(Map.entry("costCenter", "sales"));
    simulator.setTags(arn, Map.of("someone", "else"));
    assertThat(bedrock.listTagsForResource(r -> r.resourceARN(arn)).tags())
        .extracting(Tag::key)
        .containsExactly("someone");
    String unknown = arn.substring(0, arn.lastIndexOf('/') + 1) + "zzzzzzzzzzzz";
    assertThatThrownBy(() -> bedrock.listTagsForResource(r -> r.resourceARN(unknown)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void throttlingSurfacesAsThrottlingExceptionWhenRetriesAreOff() {
    simulator.faults().throttleNext(1);

    assertThatThrownBy(
            () ->
                bedrock.listInferenceProfiles(r -> r.typeEquals(InferenceProfileType.APPLICATION)))
        .isInstanceOfSatisfying(
            ThrottlingException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.isThrottlingException()).isTrue();
              assertThat(e.requestId()).isNotBlank();
            });
    assertThat(bedrock.listInferenceProfiles(r -> r.typeEquals(InferenceProfileType.APPLICATION)))
        .isNotNull();
    assertThat(simulator.callCount("ListInferenceProfiles")).isEqualTo(2);
  }

  @Test
  void injectedFailuresCarryTheirShape() {
    simulator.faults().failNext(1, 403, "AccessDeniedException");

    assertThatThrownBy(() -> create("denied", NOVA_LITE_ARN))
        .isInstanceOf(software.amazon.awssdk.services.bedrock.model.AccessDeniedException.class);
    assertThat(simulator.profiles()).isEmpty();
  }

  @Test
  void anOperationFailsEveryTimeUntilItsFaultIsLifted() {
    String arn = create("stuck", NOVA_LITE_ARN).inferenceProfileArn();
    simulator
        .faults()
        .failEvery("DeleteInferenceProfile", 403, "AccessDeniedException", "not allowed to delete");

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(
              () -> bedrock.deleteInferenceProfile(r -> r.inferenceProfileIdentifier(arn)))
          .isInstanceOfSatisfying(
              software.amazon.awssdk.services.bedrock.model.AccessDeniedException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorMessage())
                      .isEqualTo("not allowed to delete"));
    }
    // Other operations are not affected, and the profile is still there.
    assertThat(
            bedrock
                .getInferenceProfile(r -> r.inferenceProfileIdentifier(arn))
                .inferenceProfileName())
        .isEqualTo("stuck");

    simulator.faults().lift("DeleteInferenceProfile");
    bedrock.deleteInferenceProfile(r -> r.inferenceProfileIdentifier(arn));
    assertThat(simulator.profiles()).doesNotContainKey("stuck");
    assertThat(simulator.callCount("DeleteInferenceProfile")).isEqualTo(3);
  }

  private static CreateInferenceProfileResponse create(String name, String source) {
    return bedrock.createInferenceProfile(
        r -> r.inferenceProfileName(name).modelSource(s -> s.copyFrom(source)));
  }
}
