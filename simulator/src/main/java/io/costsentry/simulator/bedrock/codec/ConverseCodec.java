package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.Prompt;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import io.costsentry.simulator.bedrock.wire.EventStreamEncoder;
import io.costsentry.simulator.bedrock.wire.Padding;
import io.costsentry.simulator.bedrock.wire.StreamFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Converse and ConverseStream bodies (aws-wire.md §1.5, §1.6): validates requests as Bedrock does
 * and renders the JSON response or the event sequence.
 */
public final class ConverseCodec {
  private ConverseCodec() {}

  /** Parses and validates a Converse/ConverseStream request body. */
  public static Prompt parseRequest(byte[] body) {
    ObjectNode request =
        Json.parseObject(
            body, () -> BedrockError.validation("The request body is not valid JSON."));
    OptionalInt maxTokens = OptionalInt.empty();
    JsonNode inferenceConfig = request.path("inferenceConfig");
    if (inferenceConfig.has("maxTokens")) {
      JsonNode value = inferenceConfig.get("maxTokens");
      if (!value.canConvertToInt() || value.asInt() < 1) {
        throw constraint(
            value.asText(),
            "inferenceConfig.maxTokens",
            "Member must have value greater than or equal to 1");
      }
      maxTokens = OptionalInt.of(value.asInt());
    }
    return parseConversation(request, maxTokens);
  }

  /**
   * The prompt of a Converse-shaped object ({@code messages} + {@code system}); also the {@code
   * converse} input of CountTokens.
   */
  public static Prompt parseConversation(JsonNode conversation, OptionalInt maxTokens) {
    JsonNode messages = conversation.get("messages");
    if (messages == null || messages.isNull()) {
      throw constraint("null", "messages", "Member must not be null");
    }
    if (!messages.isArray()) {
      throw BedrockError.validation("The messages field must be a list.").toException();
    }
    if (messages.isEmpty() || !"user".equals(messages.get(0).path("role").asText())) {
      throw BedrockError.validation(
              "A conversation must start with a user message. Try again with a conversation that"
                  + " starts with a user message.")
          .toException();
    }
    for (JsonNode message : messages) {
      String role = message.path("role").asText();
      if (!role.equals("user") && !role.equals("assistant")) {
        throw constraint(
            role, "messages.member.role", "Member must satisfy enum value set: [user, assistant]");
      }
      if (!message.path("content").isArray()) {
        throw constraint("null", "messages.member.content", "Member must not be null");
      }
    }
    Prompt.Builder prompt = new Prompt.Builder();
    ConverseStyleText.collect(conversation.path("system"), messages, prompt);
    return prompt.build(maxTokens);
  }

  /** The Converse response body. */
  public static byte[] responseBody(Completion completion) {
    ObjectNode response = Json.object();
    ObjectNode message = response.putObject("output").putObject("message");
    message.put("role", "assistant");
    message.putArray("content").addObject().put("text", completion.text());
    response.put("stopReason", completion.stopReason().wireName());
    response.set("usage", UsageJson.converseUsage(completion.usage()));
    response.set("metrics", UsageJson.converseMetrics(completion));
    return Json.bytes(response);
  }

  /**
   * The ConverseStream events: {@code messageStart}, one {@code contentBlockDelta} per output
   * token, {@code contentBlockStop}, {@code messageStop}, and {@code metadata} with the usage.
   */
  public static List<StreamFrame> streamFrames(Completion completion) {
    List<StreamFrame> frames = new ArrayList<>();
    frames.add(frame("messageStart", Json.object().put("role", "assistant"), false, false));
    for (String token : completion.tokens()) {
      ObjectNode delta = Json.object().put("contentBlockIndex", 0);
      delta.putObject("delta").put("text", token);
      frames.add(frame("contentBlockDelta", delta, true, false));
    }
    frames.add(frame("contentBlockStop", Json.object().put("contentBlockIndex", 0), false, false));
    frames.add(
        frame(
            "messageStop",
            Json.object().put("stopReason", completion.stopReason().wireName()),
            false,
            false));
    ObjectNode metadata = Json.object();
    metadata.set("usage", UsageJson.converseUsage(completion.usage()));
    metadata.set("metrics", UsageJson.converseMetrics(completion));
    frames.add(frame("metadata", metadata, false, true));
    return frames;
  }

  private static StreamFrame frame(
      String eventType, ObjectNode payload, boolean outputToken, boolean carriesUsage) {
    payload.put("p", Padding.next());
    return new StreamFrame(
        EventStreamEncoder.event(eventType, Json.bytes(payload)), outputToken, carriesUsage);
  }

  private static RuntimeException constraint(String value, String member, String constraint) {
    return BedrockError.validation(
            "1 validation error detected: Value '"
                + value
                + "' at '"
                + member
                + "' failed to satisfy constraint: "
                + constraint)
        .toException();
  }
}
