package io.costsentry.simulator.bedrock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.simulator.bedrock.ModelFamily;
import io.costsentry.simulator.bedrock.wire.BedrockException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCatalogTest {
  private static final String PROFILE_ARN =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456";
  private final ModelCatalog catalog = new ModelCatalog(Map.of(), true);

  @ParameterizedTest
  @CsvSource({
    "anthropic.claude-3-haiku-20240307-v1:0, ANTHROPIC",
    "us.anthropic.claude-3-5-haiku-20241022-v1:0, ANTHROPIC",
    "global.anthropic.claude-sonnet-4-20250514-v1:0, ANTHROPIC",
    "eu.amazon.nova-lite-v1:0, AMAZON_NOVA",
    "amazon.nova-pro-v1:0, AMAZON_NOVA",
    "meta.llama3-1-8b-instruct-v1:0, META_LLAMA",
    "apac.meta.llama3-2-11b-instruct-v1:0, META_LLAMA",
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0, ANTHROPIC",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-1-8b-instruct-v1:0,"
        + " META_LLAMA",
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456, ANTHROPIC"
  })
  void acceptsModelIdsProfilesAndArns(String modelId, ModelFamily family) {
    assertThat(catalog.resolve(modelId).family()).contains(family);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "claude-3-haiku",
        "foo.bar-v1",
        "xx.anthropic.claude-3-haiku-20240307-v1:0",
        "arn:aws:s3:::bucket/key",
        "arn:aws:bedrock:us-east-1:123456789012:agent/abc"
      })
  void refusesIdentifiersBedrockWouldNotAccept(String modelId) {
    assertThatThrownBy(() -> catalog.resolve(modelId))
        .isInstanceOf(BedrockException.class)
        .hasMessageContaining("The provided model identifier is invalid.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mistral.mistral-large-2402-v1:0", "cohere.command-r-v1:0"})
  void acceptsOtherProvidersWithoutANativeBodyFormat(String modelId) {
    assertThat(catalog.resolve(modelId).family()).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {PROFILE_ARN})
  void registeredProfilesChooseTheirFamilyAndStrictModeRefusesOthers(String arn) {
    ModelCatalog strict = new ModelCatalog(Map.of(arn, ModelFamily.AMAZON_NOVA), false);

    assertThat(strict.resolve(arn).family()).contains(ModelFamily.AMAZON_NOVA);
    assertThatThrownBy(() -> strict.resolve(arn.replace("abc123def456", "zzz999")))
        .isInstanceOf(BedrockException.class);
  }
}
