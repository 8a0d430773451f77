package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.Usage;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.ModelTarget;
import io.costsentry.simulator.bedrock.model.Prompt;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Anthropic Messages API bodies on Bedrock (aws-wire.md §3.1). {@code cache_control} on a block
 * marks a cache point after that block.
 */
final class AnthropicCodec implements InvokeModelCodec {
  static final String BEDROCK_VERSION = "bedrock-2023-05-31";

  @Override
  public Prompt parseRequest(ObjectNode body) {
    JsonNode version = required(body, "anthropic_version");
    if (!BEDROCK_VERSION.equals(version.asText())) {
      throw BedrockError.malformedInput(
              "#/anthropic_version: " + version.asText() + " is not a valid enum value")
          .toException();
    }
    JsonNode maxTokens = required(body, "max_tokens");
    if (!maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
      throw BedrockError.malformedInput(
              "#/max_tokens: " + maxTokens.asText() + " is not greater or equal to 1")
          .toException();
    }
    JsonNode messages = required(body, "messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw BedrockError.malformedInput("#/messages: expected minimum item count: 1, found: 0")
          .toException();
    }
    Prompt.Builder prompt = new Prompt.Builder();
    collectContent(body.path("system"), prompt);
    for (JsonNode message : messages) {
      collectContent(message.path("content"), prompt);
    }
    return prompt.build(OptionalInt.of(maxTokens.asInt()));
  }

  private static JsonNode required(ObjectNode body, String key) {
    JsonNode value = body.get(key);
    if (value == null || value.isNull()) {
      throw BedrockError.malformedInput("#: required key [" + key + "] not found").toException();
    }
    return value;
  }

  /** Content is a string or a list of blocks; tool results nest the same shape. */
  private static void collectContent(JsonNode content, Prompt.Builder prompt) {
    if (content.isTextual()) {
      prompt.text(content.asText());
      return;
    }
    for (JsonNode block : content) {
      String type = block.path("type").asText();
      if (type.equals("text")) {
        prompt.text(block.path("text").asText());
      } else if (type.equals("tool_result")) {
        collectContent(block.path("content"), prompt);
      }
      if (block.has("cache_control")) {
        prompt.cachePoint();
      }
    }
  }

  @Override
  public int defaultMaxTokens() {
    // max_tokens is required in Anthropic bodies; this is never used.
    return 4096;
  }

  @Override
  public byte[] responseBody(Completion completion, ModelTarget model) {
    ObjectNode message = messageEnvelope(model);
    message.putArray("content").addObject().put("type", "text").put("text", completion.text());
    message.put("stop_reason", completion.stopReason().wireName());
    message.putNull("stop_sequence");
    message.set("usage", usage(completion.usage(), completion.usage().outputTokens()));
    return Json.bytes(message);
  }

  @Override
  public List<NativeEvent> streamEvents(Completion completion, ModelTarget model) {
    List<NativeEvent> events = new ArrayList<>();
    ObjectNode start = Json.object().put("type", "message_start");
    ObjectNode message = messageEnvelope(model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    // Anthropic reports a token or so of output at message_start; the full count comes with
    // message_delta.
    message.set("usage", usage(completion.usage(), 1));
    start.set("message", message);
    events.add(new NativeEvent(start, false));

    ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    events.add(new NativeEvent(blockStart, false));
    for (String token : completion.tokens()) {
      ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
      delta.putObject("delta").put("type", "text_delta").put("text", token);
      events.add(new NativeEvent(delta, true));
    }
    events.add(
        new NativeEvent(Json.object().put("type", "content_block_stop").put("index", 0), false));

    ObjectNode messageDelta = Json.object().put("type", "message_delta");
    messageDelta
        .putObject("delta")
        .put("stop_reason", completion.stopReason().wireName())
        .putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", completion.usage().outputTokens());
    events.add(new NativeEvent(messageDelta, false));
    events.add(new NativeEvent(Json.object().put("type", "message_stop"), false));
    return events;
  }

  private static ObjectNode messageEnvelope(ModelTarget model) {
    byte[] id = new byte[12];
    ThreadLocalRandom.current().nextBytes(id);
    return Json.object()
        .put("id", "msg_bdrk_" + HexFormat.of().formatHex(id))
        .put("type", "message")
        .put("role", "assistant")
        .put("model", model.baseModelName());
  }

  private static ObjectNode usage(Usage usage, int outputTokens) {
    return Json.object()
        .put("input_tokens", usage.inputTokens())
        .put("cache_creation_input_tokens", usage.cacheWriteInputTokens())
        .put("cache_read_input_tokens", usage.cacheReadInputTokens())
        .put("output_tokens", outputTokens);
  }
}
