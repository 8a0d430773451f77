package io.costsentry.operator.bedrock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.BedrockClientBuilder;
import software.amazon.awssdk.services.bedrock.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrock.model.ConflictException;
import software.amazon.awssdk.services.bedrock.model.GetInferenceProfileResponse;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.services.bedrock.model.InternalServerException;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrock.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrock.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrock.model.Tag;
import software.amazon.awssdk.services.bedrock.model.ThrottlingException;
import software.amazon.awssdk.services.bedrock.model.TooManyTagsException;
import software.amazon.awssdk.services.bedrock.model.ValidationException;

/**
 * {@link InferenceProfiles} on the Bedrock control plane through the AWS SDK v2 {@link
 * BedrockClient}. Throttling, 5xx and I/O errors are first retried by the SDK (standard strategy
 * with backoff, see {@link #clientBuilder}); what still fails becomes a {@link
 * TransientAwsException}. Errors retrying cannot fix become a {@link PermanentAwsException} with
 * reason {@value #MODEL_NOT_FOUND}, {@value #INVALID_REQUEST}, {@value #ACCESS_DENIED} or {@value
 * #QUOTA_EXCEEDED}.
 *
 * <p>A profile whose ARN the caller knows is checked with {@code GetInferenceProfile} on that ARN.
 * Otherwise (or when that ARN is gone) it is created; only when Bedrock answers that the name is
 * taken, or refuses the create, is it looked for by name among the {@code APPLICATION} profiles,
 * which pages through every application profile of the account (Bedrock looks profiles up by id or
 * ARN only): affordable when a profile is adopted, not for every profile on every sync. A profile
 * is created with a {@code clientRequestToken} derived from its name and source, so a create whose
 * answer was lost is not repeated as a second profile. A profile found without the {@value
 * #MANAGED_BY} tag was made by someone else: tagging it is reported as {@link
 * ProfileState.Change#ADOPTED}.
 */
public final class BedrockInferenceProfiles implements InferenceProfiles, AutoCloseable {
  public static final String MODEL_NOT_FOUND = "ModelNotFound";
  public static final String INVALID_REQUEST = "InvalidRequest";
  public static final String ACCESS_DENIED = "AccessDenied";
  public static final String QUOTA_EXCEEDED = "QuotaExceeded";

  /** The tag whose absence marks a profile CostSentry did not create. */
  public static final String MANAGED_BY = "managed-by";

  /** Attempts per call, the first included, of the client {@link #clientBuilder} makes. */
  public static final int MAX_ATTEMPTS = 5;

  private static final int PAGE_SIZE = 1000;
  private static final Pattern GEO_PREFIX =
      Pattern.compile("(us|us-gov|eu|apac|jp|au|ca|global)\\..+");
  private static final String FOUNDATION_MODEL = "foundation-model";
  private static final String INFERENCE_PROFILE = "inference-profile";
  private static final String APPLICATION_PROFILE = "application-inference-profile";

  private final BedrockClient client;

  public BedrockInferenceProfiles(BedrockClient client) {
    this.client = client;
  }

  /**
   * An adapter on a client made by {@link #clientBuilder} with the default AWS credentials chain.
   *
   * @param region {@code null}: the default AWS region chain
   * @param endpointOverride {@code null}: the regional endpoint
   */
  public static BedrockInferenceProfiles create(Region region, URI endpointOverride) {
    return create(region, endpointOverride, DefaultCredentialsProvider.builder().build());
  }

  /** As {@link #create(Region, URI)} with the given credentials. */
  public static BedrockInferenceProfiles create(
      Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
    return new BedrockInferenceProfiles(
        clientBuilder(region, endpointOverride, credentials).build());
  }

  /**
   * A {@link BedrockClient} builder on the Apache 5 HTTP client, retrying throttling, 5xx and I/O
   * errors with the SDK's standard strategy (exponential backoff with jitter, longer for
   * throttling) for up to {@value #MAX_ATTEMPTS} attempts.
   *
   * @param region {@code null}: the default AWS region chain
   * @param endpointOverride {@code null}: the regional endpoint
   */
  public static BedrockClientBuilder clientBuilder(
      Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
    BedrockClientBuilder builder =
        BedrockClient.builder()
            .httpClientBuilder(Apache5HttpClient.builder())
            .credentialsProvider(credentials)
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(MAX_ATTEMPTS)
                            .build()));
    if (region != null) {
      builder.region(region);
    }
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    return builder;
  }

  @Override
  public ResolvedModel resolveModel(String modelId) {
    if (modelId == null || modelId.isBlank()) {
      throw new PermanentAwsException(MODEL_NOT_FOUND, "no model id given", null);
    }
    String action = "resolving model " + modelId;
    try {
      if (modelId.startsWith("arn:")) {
        return resolveArn(modelId);
      }
      if (GEO_PREFIX.matcher(modelId).matches()) {
        return profile(modelId)
            .or(() -> foundationModel(modelId))
            .orElseThrow(() -> modelNotFound(modelId, null));
      }
      return foundationModel(modelId)
          .or(() -> profile(modelId))
          .orElseThrow(() -> modelNotFound(modelId, null));
    } catch (SdkException e) {
      throw translate(action, e, MODEL_NOT_FOUND);
    }
  }

  private ResolvedModel resolveArn(String arn) {
    String[] parts = arn.split(":", 6); // arn:partition:service:region:account:resource
    String resource = parts.length == 6 ? parts[5] : "";
    String type = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : "";
    Optional<ResolvedModel> resolved =
        switch (type) {
          case FOUNDATION_MODEL -> foundationModel(arn);
          case INFERENCE_PROFILE, APPLICATION_PROFILE -> profile(arn);
          default -> Optional.empty();
        };
    return resolved.orElseThrow(() -> modelNotFound(arn, null));
  }

  /** GetFoundationModel; empty when Bedrock does not know the model. */
  private Optional<ResolvedModel> foundationModel(String identifier) {
    try {
      String arn =
          client.getFoundationModel(r -> r.modelIdentifier(identifier)).modelDetails().modelArn();
      return Optional.of(new ResolvedModel(identifier, arn, FOUNDATION_MODEL));
    } catch (ResourceNotFoundException | ValidationException e) {
      // Bedrock answers an unknown model id with "The provided model identifier is invalid."
      return Optional.empty();
    }
  }

  /** GetInferenceProfile; empty when Bedrock does not know the profile. */
  private Optional<ResolvedModel> profile(String identifier) {
    try {
      GetInferenceProfileResponse p =
          client.getInferenceProfile(r -> r.inferenceProfileIdentifier(identifier));
      String kind =
          p.type() == InferenceProfileType.APPLICATION ? APPLICATION_PROFILE : INFERENCE_PROFILE;
      return Optional.of(new ResolvedModel(identifier, p.inferenceProfileArn(), kind));
    } catch (ResourceNotFoundException | ValidationException e) {
      return Optional.empty();
    }
  }

  @Override
  public ProfileState ensure(
      String name, String modelSourceArn, Map<String, String> tags, String knownArn) {
    try {
      if (knownArn != null) {
        Optional<String> known = applicationProfileNamed(knownArn, name);
        if (known.isPresent()) {
          return retag(name, known.get(), tags);
        }
      }
      return createOrAdopt(name, modelSourceArn, tags);
    } catch (SdkException e) {
      throw translate("ensuring inference profile " + name, e, null);
    }
  }

  /**
   * Creates the profile; looks for it by name (listing every application profile of the account)
   * only when the name is taken or the create is refused.
   */
  private ProfileState createOrAdopt(String name, String modelSourceArn, Map<String, String> tags) {
    Optional<String> created;
    try {
      created = createProfile(name, modelSourceArn, tags);
    } catch (PermanentAwsException refused) {
      // Not allowed to create (or quota reached): a profile of that name can still be adopted.
      return findSummary(name)
          .map(p -> retag(name, p.inferenceProfileArn(), tags))
          .orElseThrow(() -> refused);
    }
    if (created.isPresent()) {
      // A create repeated with the same clientRequestToken returns the profile made earlier, whose
      // tags may have drifted since: checked like any other.
      ProfileState state = retag(name, created.get(), tags);
      return state.change() == ProfileState.Change.NONE
          ? new ProfileState(name, state.arn(), state.tags(), ProfileState.Change.CREATED)
          : state;
    }
    // ConflictException: the name is taken, by a profile made earlier or by someone else.
    InferenceProfileSummary existing =
        findSummary(name)
            .orElseThrow(
                () ->
                    new TransientAwsException(
                        "inference profile " + name + " exists but is not listed yet", null));
    return retag(name, existing.inferenceProfileArn(), tags);
  }

  /** The new profile's ARN, or empty when the name is taken. */
  private Optional<String> createProfile(
      String name, String modelSourceArn, Map<String, String> tags) {
    try {
      return Optional.of(
          client
              .createInferenceProfile(
                  r ->
                      r.inferenceProfileName(name)
                          .clientRequestToken(clientRequestToken(name, modelSourceArn))
                          .modelSource(s -> s.copyFrom(modelSourceArn))
                          .tags(sdkTags(tags)))
              .inferenceProfileArn());
    } catch (ConflictException e) {
      return Optional.empty();
    } catch (ResourceNotFoundException e) {
      throw translate("creating inference profile " + name, e, MODEL_NOT_FOUND);
    } catch (SdkException e) {
      throw translate("creating inference profile " + name, e, null);
    }
  }

  private ProfileState retag(String name, String arn, Map<String, String> desired) {
    Map<String, String> current = tagsOf(arn);
    Map<String, String> missing = new TreeMap<>();
    desired.forEach(
        (key, value) -> {
          if (!value.equals(current.get(key))) {
            missing.put(key, value);
          }
        });
    if (missing.isEmpty()) {
      return new ProfileState(name, arn, current, ProfileState.Change.NONE);
    }
    client.tagResource(r -> r.resourceARN(arn).tags(sdkTags(missing)));
    Map<String, String> after = new TreeMap<>(current);
    after.putAll(missing);
    ProfileState.Change change =
        current.containsKey(MANAGED_BY)
            ? ProfileState.Change.RETAGGED
            : ProfileState.Change.ADOPTED;
    return new ProfileState(name, arn, after, change);
  }

  @Override
  public Optional<ProfileState> find(String name) {
    try {
      return findSummary(name)
          .map(
              p ->
                  new ProfileState(
                      name,
                      p.inferenceProfileArn(),
                      tagsOf(p.inferenceProfileArn()),
                      ProfileState.Change.NONE));
    } catch (SdkException e) {
      throw translate("finding inference profile " + name, e, null);
    }
  }

  @Override
  public void delete(String arn) {
    try {
      client.deleteInferenceProfile(r -> r.inferenceProfileIdentifier(arn));
    } catch (ResourceNotFoundException e) {
      // already gone
    } catch (SdkException e) {
      throw translate("deleting inference profile " + arn, e, null);
    }
  }

  /** Closes the SDK client. */
  @Override
  public void close() {
    client.close();
  }

  /**
   * The ARN of the application profile {@code arn}, if it still exists under {@code name}; empty
   * when it was deleted (or the ARN names another profile), so the caller looks for it by name.
   */
  private Optional<String> applicationProfileNamed(String arn, String name) {
    try {
      GetInferenceProfileResponse p =
          client.getInferenceProfile(r -> r.inferenceProfileIdentifier(arn));
      boolean same =
          p.type() == InferenceProfileType.APPLICATION && name.equals(p.inferenceProfileName());
      return same ? Optional.of(p.inferenceProfileArn()) : Optional.empty();
    } catch (ResourceNotFoundException | ValidationException e) {
      return Optional.empty();
    }
  }

  private Optional<InferenceProfileSummary> findSummary(String name) {
    for (InferenceProfileSummary p :
        client
            .listInferenceProfilesPaginator(
                r -> r.typeEquals(InferenceProfileType.APPLICATION).maxResults(PAGE_SIZE))
            .inferenceProfileSummaries()) {
      if (name.equals(p.inferenceProfileName())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private Map<String, String> tagsOf(String arn) {
    Map<String, String> tags = new LinkedHashMap<>();
    client
        .listTagsForResource(r -> r.resourceARN(arn))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  /** The same for the same profile, so a create retried after a lost answer is idempotent. */
  static String clientRequestToken(String name, String modelSourceArn) {
    return UUID.nameUUIDFromBytes(
            ("costsentry/inference-profile\n" + name + "\n" + modelSourceArn)
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static List<Tag> sdkTags(Map<String, String> tags) {
    return new TreeMap<>(tags)
        .entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
  }

  private static PermanentAwsException modelNotFound(String modelId, Throwable cause) {
    return new PermanentAwsException(
        MODEL_NOT_FOUND, "Bedrock knows no model or inference profile " + modelId, cause);
  }

  /**
   * Maps an SDK error to the exceptions of {@link InferenceProfiles}.
   *
   * @param notFoundReason the reason of a 404 when it means a model is unknown; {@code null} when
   *     it means a profile vanished while being worked on, which the next attempt sorts out
   */
  static RuntimeException translate(String action, SdkException e, String notFoundReason) {
    String message = action + ": " + describe(e);
    if (e instanceof ThrottlingException
        || e instanceof InternalServerException
        || e instanceof ServiceUnavailableException
        || e instanceof ConflictException
        || (e instanceof AwsServiceException service && service.isThrottlingException())) {
      return new TransientAwsException(message, e);
    }
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      if (e instanceof AccessDeniedException || status == 401 || status == 403) {
        return new PermanentAwsException(ACCESS_DENIED, message, e);
      }
      if (e instanceof ServiceQuotaExceededException || e instanceof TooManyTagsException) {
        return new PermanentAwsException(QUOTA_EXCEEDED, message, e);
      }
      if (e instanceof ResourceNotFoundException) {
        return notFoundReason == null
            ? new TransientAwsException(message, e)
            : new PermanentAwsException(notFoundReason, message, e);
      }
      if (e instanceof ValidationException || (status >= 400 && status < 500 && status != 408)) {
        return new PermanentAwsException(INVALID_REQUEST, message, e);
      }
      return new TransientAwsException(message, e);
    }
    // SdkClientException: I/O errors, timeouts, unreadable answers.
    return new TransientAwsException(message, e);
  }

  private static String describe(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode()
          + " ("
          + service.statusCode()
          + "): "
          + service.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }
}
