package io.costsentry.sidecar.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.ModelDefaults;
import io.costsentry.core.pricing.Pricing;
import io.costsentry.sidecar.proxy.BedrockErrorException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectorsTest {
  private static final AliasPolicy HAIKU =
      new AliasPolicy(
          "haiku",
          "us.anthropic.claude-3-5-haiku-20241022-v1:0",
          Pricing.of("0.8", "4", "0.08", "1"),
          "builtin",
          new ModelDefaults(512, 0.5, null, 250),
          4096,
          List.of());

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void converseWithoutMaxTokensGetsTheAliasDefaultInjected() {
    InspectedRequest r =
        ConverseInspector.inspect(
            utf8("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"),
            HAIKU,
            false);
    assertThat(r.outputBound()).isEqualTo(512);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("\"maxTokens\":512", "\"temperature\":0.5");
  }

  @Test
  void converseKeepsTheAppsBytesWhenNothingIsInjected() {
    byte[] body =
        utf8(
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}],"
                + "\"inferenceConfig\":{\"maxTokens\":10,\"temperature\":0.1}}");
    InspectedRequest r = ConverseInspector.inspect(body, HAIKU, false);
    assertThat(r.body()).isSameAs(body);
    assertThat(r.outputBound()).isEqualTo(10);
  }

  @Test
  void inputBoundIsAtLeastTheUtf8BytesOfTheText() {
    String text = "héllo wörld — ünïcode ✓ ".repeat(20);
    InspectedRequest r =
        ConverseInspector.inspect(
            utf8(
                "{\"system\":[{\"text\":\"be brief\"}],\"messages\":[{\"role\":\"user\","
                    + "\"content\":[{\"text\":\""
                    + text
                    + "\"}]}]}"),
            HAIKU,
            true);
    assertThat(r.inputBound()).isGreaterThanOrEqualTo(utf8(text).length + 8);
    assertThat(r.promptText()).contains("be brief", text);
  }

  @Test
  void imagesCountAFixedAllowanceNotTheirBase64Bytes() {
    String image = "A".repeat(200_000);
    InspectedRequest r =
        ConverseInspector.inspect(
            utf8(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"image\":{\"format\":\"png\","
                    + "\"source\":{\"bytes\":\""
                    + image
                    + "\"}}},{\"text\":\"what is this\"}]}]}"),
            HAIKU,
            false);
    assertThat(r.inputBound()).isBetween(InputTokenBound.IMAGE_TOKENS, 10_000L);
  }

  @Test
  void maxTokensAboveTheAliasCeilingIsRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                ConverseInspector.inspect(
                    utf8(
                        "{\"messages\":[{\"role\":\"user\",\"content\":[]}],"
                            + "\"inferenceConfig\":{\"maxTokens\":5000}}"),
                    HAIKU,
                    false))
        .isInstanceOf(BedrockErrorException.class)
        .hasMessageContaining("inferenceConfig.maxTokens")
        .hasMessageContaining("4096");
  }

  @Test
  void anthropicInvokeBodyGetsMaxTokensInItsOwnField() {
    InspectedRequest r =
        InvokeInspector.inspect(
            utf8(
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Hi\"}]}"),
            HAIKU,
            false);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("\"max_tokens\":512", "\"top_k\":250");
    assertThat(r.outputBound()).isEqualTo(512);
  }

  @Test
  void novaAndLlamaCapsAreReadWhereTheirBodiesKeepThem() {
    AliasPolicy nova =
        new AliasPolicy(
            "nova", "us.amazon.nova-lite-v1:0", HAIKU.pricing(), "builtin", null, null, List.of());
    AliasPolicy llama =
        new AliasPolicy(
            "llama",
            "meta.llama3-1-8b-instruct-v1:0",
            HAIKU.pricing(),
            "builtin",
            null,
            null,
            List.of());
    assertThat(
            InvokeInspector.inspect(
                    utf8("{\"messages\":[],\"inferenceConfig\":{\"maxTokens\":33}}"), nova, false)
                .outputBound())
        .isEqualTo(33);
    assertThat(
            InvokeInspector.inspect(utf8("{\"prompt\":\"x\",\"max_gen_len\":44}"), llama, false)
                .outputBound())
        .isEqualTo(44);
  }

  @Test
  void negativeOrFractionalMaxTokensAreRefused() {
    for (String bad : new String[] {"-1", "0", "1.5", "\"10\""}) {
      assertThatThrownBy(
              () ->
                  InvokeInspector.inspect(
                      utf8("{\"messages\":[],\"max_tokens\":" + bad + "}"), HAIKU, false))
          .isInstanceOf(BedrockErrorException.class)
          .hasMessageContaining("max_tokens");
    }
  }
}
