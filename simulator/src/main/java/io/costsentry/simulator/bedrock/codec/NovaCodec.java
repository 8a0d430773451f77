package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.Usage;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.ModelTarget;
import io.costsentry.simulator.bedrock.model.Prompt;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Amazon Nova understanding-model bodies (aws-wire.md §3.2): Converse-shaped, but usage spells
 * cache counts {@code cacheReadInputTokenCount}/{@code cacheWriteInputTokenCount}.
 */
final class NovaCodec implements InvokeModelCodec {

  @Override
  public Prompt parseRequest(ObjectNode body) {
    JsonNode messages = body.get("messages");
    if (messages == null || messages.isNull()) {
      throw BedrockError.malformedInput("#: required key [messages] not found").toException();
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw BedrockError.malformedInput("#/messages: expected minimum item count: 1, found: 0")
          .toException();
    }
    OptionalInt maxTokens = OptionalInt.empty();
    JsonNode config = body.path("inferenceConfig");
    JsonNode max = config.has("maxTokens") ? config.get("maxTokens") : config.get("max_new_tokens");
    if (max != null) {
      if (!max.canConvertToInt() || max.asInt() < 1) {
        throw BedrockError.malformedInput(
                "#/inferenceConfig/maxTokens: " + max.asText() + " is not greater or equal to 1")
            .toException();
      }
      maxTokens = OptionalInt.of(max.asInt());
    }
    Prompt.Builder prompt = new Prompt.Builder();
    ConverseStyleText.collect(body.path("system"), messages, prompt);
    return prompt.build(maxTokens);
  }

  @Override
  public int defaultMaxTokens() {
    return 5000;
  }

  @Override
  public byte[] responseBody(Completion completion, ModelTarget model) {
    ObjectNode response = Json.object();
    ObjectNode message = response.putObject("output").putObject("message");
    message.put("role", "assistant");
    message.putArray("content").addObject().put("text", completion.text());
    response.put("stopReason", completion.stopReason().wireName());
    response.set("usage", usage(completion.usage()));
    return Json.bytes(response);
  }

  @Override
  public List<NativeEvent> streamEvents(Completion completion, ModelTarget model) {
    List<NativeEvent> events = new ArrayList<>();
    events.add(event("messageStart", Json.object().put("role", "assistant"), false));
    for (String token : completion.tokens()) {
      ObjectNode delta = Json.object().put("contentBlockIndex", 0);
      delta.putObject("delta").put("text", token);
      events.add(event("contentBlockDelta", delta, true));
    }
    events.add(event("contentBlockStop", Json.object().put("contentBlockIndex", 0), false));
    events.add(
        event(
            "messageStop",
            Json.object().put("stopReason", completion.stopReason().wireName()),
            false));
    ObjectNode metadata = Json.object();
    metadata.set("usage", usage(completion.usage()));
    metadata.putObject("metrics");
    metadata.putObject("trace");
    events.add(event("metadata", metadata, false));
    return events;
  }

  private static NativeEvent event(String name, ObjectNode body, boolean outputToken) {
    ObjectNode event = Json.object();
    event.set(name, body);
    return new NativeEvent(event, outputToken);
  }

  private static ObjectNode usage(Usage usage) {
    return Json.object()
        .put("inputTokens", usage.inputTokens())
        .put("outputTokens", usage.outputTokens())
        .put("totalTokens", usage.totalTokens())
        .put("cacheReadInputTokenCount", usage.cacheReadInputTokens())
        .put("cacheWriteInputTokenCount", usage.cacheWriteInputTokens());
  }
}
