package io.costsentry.simulator.bedrock.model;

import io.costsentry.simulator.bedrock.ModelFamily;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which model identifiers Bedrock would accept, by shape: foundation model ids of known
 * providers ({@code anthropic.claude-3-haiku-20240307-v1:0}), system inference profile ids (the
 * same with a geography prefix such as {@code us.} or {@code global.}), and ARNs of foundation
 * models, inference profiles and application inference profiles. Anything else is refused with
 * Bedrock's "The provided model identifier is invalid."
 */
public final class ModelCatalog {
  private static final int MAX_ID_LENGTH = 2048;
  private static final Pattern MODEL_ID =
      Pattern.compile(
          "(?:(?:us|us-gov|eu|apac|jp|au|ca|global)\\.)?"
              + "((?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer"
              + "|stability|twelvelabs|luma)\\.[a-z0-9][a-zA-Z0-9._:-]*)");
  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws(?:-us-gov|-cn|-iso|-iso-b)?:bedrock:[a-z0-9-]{1,20}:(?:[0-9]{12})?:"
              + "(foundation-model|inference-profile|application-inference-profile)/(.+)");
  private static final Pattern APPLICATION_PROFILE_ID = Pattern.compile("[a-z0-9]{1,64}");
  private static final Pattern CLAUDE_NAME =
      Pattern.compile("anthropic\\.(.+?)(?:-v\\d+(?::\\d+)?)?");

  private final Map<String, ModelFamily> applicationProfiles;
  private final boolean acceptUnregisteredProfiles;

  /**
   * @param applicationProfiles registered application-inference-profile ARNs and their family
   * @param acceptUnregisteredProfiles accept other well-formed profile ARNs, as Anthropic
   */
  public ModelCatalog(
      Map<String, ModelFamily> applicationProfiles, boolean acceptUnregisteredProfiles) {
    this.applicationProfiles = Map.copyOf(applicationProfiles);
    this.acceptUnregisteredProfiles = acceptUnregisteredProfiles;
  }

  /**
   * @throws io.costsentry.simulator.bedrock.wire.BedrockException ValidationException when Bedrock
   *     would not accept the identifier
   */
  public ModelTarget resolve(String modelId) {
    if (modelId.isEmpty() || modelId.length() > MAX_ID_LENGTH) {
      throw BedrockError.invalidModelIdentifier().toException();
    }
    Matcher arn = ARN.matcher(modelId);
    if (arn.matches()) {
      return "application-inference-profile".equals(arn.group(1))
          ? applicationProfile(modelId, arn.group(2))
          : foundationModel(modelId, arn.group(2));
    }
    return foundationModel(modelId, modelId);
  }

  private ModelTarget applicationProfile(String arn, String profileId) {
    ModelFamily registered = applicationProfiles.get(arn);
    if (registered != null) {
      return new ModelTarget(arn, Optional.of(registered), "claude");
    }
    if (!acceptUnregisteredProfiles || !APPLICATION_PROFILE_ID.matcher(profileId).matches()) {
      throw BedrockError.invalidModelIdentifier().toException();
    }
    return new ModelTarget(arn, Optional.of(ModelFamily.ANTHROPIC), "claude");
  }

  private static ModelTarget foundationModel(String given, String id) {
    Matcher matcher = MODEL_ID.matcher(id);
    if (!matcher.matches()) {
      throw BedrockError.invalidModelIdentifier().toException();
    }
    String baseId = matcher.group(1);
    Matcher claude = CLAUDE_NAME.matcher(baseId);
    String name = claude.matches() ? claude.group(1) : baseId;
    return new ModelTarget(given, familyOf(baseId), name);
  }

  private static Optional<ModelFamily> familyOf(String baseId) {
    if (baseId.startsWith("anthropic.")) {
      return Optional.of(ModelFamily.ANTHROPIC);
    }
    if (baseId.startsWith("amazon.nova")) {
      return Optional.of(ModelFamily.AMAZON_NOVA);
    }
    if (baseId.startsWith("meta.llama")) {
      return Optional.of(ModelFamily.META_LLAMA);
    }
    return Optional.empty();
  }
}
