package io.costsentry.sidecar.inspect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.sidecar.proxy.BedrockErrorException;

/** Strict JSON parsing of request bodies, with Bedrock-shaped errors for bad input. */
public final class JsonBodies {
  /**
   * Parsing buffers are recycled through a shared pool: Jackson's default pool is per thread, and
   * every request runs on a new virtual thread, so it would allocate fresh buffers each time.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonBodies() {}

  /** Parses a body that must be a JSON object. */
  public static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      throw BedrockErrorException.validation("Request body is empty; expected a JSON object");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw BedrockErrorException.validation(
          "Request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw BedrockErrorException.validation("Request body could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw BedrockErrorException.validation("Request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a parsed body", e);
    }
  }

  /**
   * The positive integer at {@code field} of {@code parent}, or {@code null} when absent.
   *
   * @param path the field's path for messages, e.g. {@code inferenceConfig.maxTokens}
   */
  public static Integer positiveInt(JsonNode parent, String field, String path) {
    JsonNode value = parent == null ? null : parent.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw BedrockErrorException.validation(
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + path
              + "' failed to satisfy constraint: Member must be an integer greater than or equal"
              + " to 1");
    }
    return value.intValue();
  }
}
