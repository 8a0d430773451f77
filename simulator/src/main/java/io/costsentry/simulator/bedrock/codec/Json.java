package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** The one {@link ObjectMapper} of the simulator and the few JSON helpers the codecs share. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Parses a request body that must be a JSON object.
   *
   * @param onMalformed the error to answer when it is not
   */
  public static ObjectNode parseObject(byte[] body, Supplier<BedrockError> onMalformed) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // falls through to the Bedrock-style error: the parser's message is not what Bedrock says
    }
    throw onMalformed.get().toException();
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
