package io.costsentry.sidecar.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.sidecar.inspect.JsonBodies;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** Reads the billed token usage from Bedrock responses (bodies, headers, stream events). */
public final class UsageReader {
  private UsageReader() {}

  /** Converse's {@code usage} member, or the ConverseStream {@code metadata} event's. */
  public static Optional<TokenUsage> fromConverse(JsonNode root) {
    JsonNode usage = root.get("usage");
    if (usage == null || !usage.has("inputTokens") || !usage.has("outputTokens")) {
      return Optional.empty();
    }
    return Optional.of(
        new TokenUsage(
            usage.path("inputTokens").asLong(),
            usage.path("outputTokens").asLong(),
            usage.path("cacheReadInputTokens").asLong(0),
            usage.path("cacheWriteInputTokens").asLong(0)));
  }

  /**
   * Converse's {@code usage} from a whole reply body, read with a streaming parser that skips the
   * rest (the reply's text is not materialized). A body that is not valid JSON, has duplicate keys
   * or trailing content yields nothing, as with a tree parse.
   */
  public static Optional<TokenUsage> fromConverseBody(byte[] body) {
    try (JsonParser p = JsonBodies.MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      Optional<TokenUsage> usage = Optional.empty();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean isUsage = "usage".equals(p.currentName());
        JsonToken value = p.nextToken();
        if (isUsage && value == JsonToken.START_OBJECT) {
          usage = usageObject(p);
        } else {
          p.skipChildren();
        }
      }
      return p.nextToken() == null ? usage : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The Converse usage object the parser is at (its start), read to its end. */
  private static Optional<TokenUsage> usageObject(JsonParser p) throws IOException {
    long input = 0;
    long output = 0;
    long cacheRead = 0;
    long cacheWrite = 0;
    boolean hasInput = false;
    boolean hasOutput = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "inputTokens" -> {
          input = asLong(p);
          hasInput = true;
        }
        case "outputTokens" -> {
          output = asLong(p);
          hasOutput = true;
        }
        case "cacheReadInputTokens" -> cacheRead = asLong(p);
        case "cacheWriteInputTokens" -> cacheWrite = asLong(p);
        default -> p.skipChildren();
      }
    }
    return hasInput && hasOutput
        ? Optional.of(new TokenUsage(input, output, cacheRead, cacheWrite))
        : Optional.empty();
  }

  /** The current value as {@link JsonNode#asLong()} reads it (0 when not a number). */
  private static long asLong(JsonParser p) throws IOException {
    if (p.currentToken().isStructStart()) {
      p.skipChildren();
      return 0;
    }
    return p.getValueAsLong(0);
  }

  /** InvokeModel's {@code X-Amzn-Bedrock-*-Token-Count} headers. */
  public static Optional<TokenUsage> fromInvokeHeaders(HttpHeaders headers) {
    Optional<String> input = headers.firstValue("x-amzn-bedrock-input-token-count");
    Optional<String> output = headers.firstValue("x-amzn-bedrock-output-token-count");
    if (input.isEmpty() || output.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new TokenUsage(
              Long.parseLong(input.get().trim()),
              Long.parseLong(output.get().trim()),
              headerLong(headers, "x-amzn-bedrock-cache-read-input-token-count"),
              headerLong(headers, "x-amzn-bedrock-cache-write-input-token-count")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long headerLong(HttpHeaders headers, String name) {
    return headers.firstValue(name).map(v -> Long.parseLong(v.trim())).orElse(0L);
  }

  /**
   * Usage in a model-native InvokeModel body, for models that do not send the count headers:
   * Anthropic {@code usage.input_tokens}, Nova {@code usage.inputTokens}, Llama {@code
   * prompt_token_count}.
   */
  public static Optional<TokenUsage> fromInvokeBody(byte[] body) {
    JsonNode root;
    try {
      root = JsonBodies.MAPPER.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null) {
      return Optional.empty();
    }
    JsonNode usage = root.path("usage");
    if (usage.has("input_tokens")) {
      return Optional.of(
          new TokenUsage(
              usage.path("input_tokens").asLong(),
              usage.path("output_tokens").asLong(),
              usage.path("cache_read_input_tokens").asLong(0),
              usage.path("cache_creation_input_tokens").asLong(0)));
    }
    if (usage.has("inputTokens")) {
      return Optional.of(
          new TokenUsage(
              usage.path("inputTokens").asLong(),
              usage.path("outputTokens").asLong(),
              usage.path("cacheReadInputTokenCount").asLong(0),
              usage.path("cacheWriteInputTokenCount").asLong(0)));
    }
    if (root.has("prompt_token_count")) {
      return Optional.of(
          new TokenUsage(
              root.path("prompt_token_count").asLong(),
              root.path("generation_token_count").asLong(),
              0,
              0));
    }
    return Optional.empty();
  }

  /** The {@code amazon-bedrock-invocationMetrics} of an InvokeModelWithResponseStream chunk. */
  public static Optional<TokenUsage> fromInvocationMetrics(JsonNode chunk) {
    JsonNode m = chunk.get("amazon-bedrock-invocationMetrics");
    if (m == null || !m.has("inputTokenCount")) {
      return Optional.empty();
    }
    return Optional.of(
        new TokenUsage(
            m.path("inputTokenCount").asLong(),
            m.path("outputTokenCount").asLong(),
            m.path("cacheReadInputTokenCount").asLong(0),
            m.path("cacheWriteInputTokenCount").asLong(0)));
  }
}
