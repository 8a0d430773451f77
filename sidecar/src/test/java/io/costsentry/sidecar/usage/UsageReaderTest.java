package io.costsentry.sidecar.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.sidecar.inspect.JsonBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageReaderTest {

  /** The streaming read of a Converse reply finds what a tree parse of it would. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"hi\"}]}},"
            + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":12,\"outputTokens\":3,"
            + "\"totalTokens\":15,\"cacheReadInputTokens\":4,\"cacheWriteInputTokens\":5},"
            + "\"metrics\":{\"latencyMs\":7}}",
        "{\"usage\":{\"outputTokens\":3,\"inputTokens\":\"12\",\"extra\":{\"a\":[1,2]}}}",
        "{\"usage\":{\"inputTokens\":12.9,\"outputTokens\":true,\"cacheReadInputTokens\":null}}",
        "{\"usage\":{\"inputTokens\":12}}",
        "{\"usage\":[1,2]}",
        "{\"usage\":{\"inputTokens\":{\"x\":1},\"outputTokens\":[3]}}",
        "{\"usage\":{\"inputTokens\":1,\"outputTokens\":2},\"usage\":{}}",
        "{\"usage\":{\"inputTokens\":1,\"outputTokens\":2}} trailing",
        "{\"usage\":{\"inputTokens\":1,\"outputTokens\":2}",
        "[{\"usage\":{\"inputTokens\":1,\"outputTokens\":2}}]",
        "",
        "null",
        "{}"
      })
  void converseBodyUsageMatchesATreeParse(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(UsageReader.fromConverseBody(bytes)).isEqualTo(treeParse(bytes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"usage\":{\"inputTokens\":12,\"outputTokens\":3}}"})
  void readsTheUsageOfAConverseReply(String body) {
    assertThat(UsageReader.fromConverseBody(body.getBytes(StandardCharsets.UTF_8)))
        .contains(new TokenUsage(12, 3, 0, 0));
  }

  private static Optional<TokenUsage> treeParse(byte[] body) {
    try {
      JsonNode root = JsonBodies.MAPPER.readTree(body);
      return root == null ? Optional.empty() : UsageReader.fromConverse(root);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
