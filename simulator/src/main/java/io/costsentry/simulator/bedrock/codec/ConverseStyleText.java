package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.simulator.bedrock.model.Prompt;

/**
 * Collects the text of Converse-shaped content (Converse itself and Amazon Nova InvokeModel
 * bodies): {@code text} blocks, the text blocks of {@code toolResult}s, and {@code cachePoint}
 * markers, in request order (system first).
 */
final class ConverseStyleText {
  private ConverseStyleText() {}

  static void collect(JsonNode system, JsonNode messages, Prompt.Builder prompt) {
    for (JsonNode block : system) {
      collectBlock(block, prompt);
    }
    for (JsonNode message : messages) {
      for (JsonNode block : message.path("content")) {
        collectBlock(block, prompt);
      }
    }
  }

  private static void collectBlock(JsonNode block, Prompt.Builder prompt) {
    if (block.path("text").isTextual()) {
      prompt.text(block.get("text").asText());
    } else if (block.has("cachePoint")) {
      prompt.cachePoint();
    } else if (block.has("toolResult")) {
      for (JsonNode part : block.path("toolResult").path("content")) {
        if (part.path("text").isTextual()) {
          prompt.text(part.get("text").asText());
        }
      }
    }
  }
}
