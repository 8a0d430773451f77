package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.ModelTarget;
import io.costsentry.simulator.bedrock.model.Prompt;
import io.costsentry.simulator.bedrock.model.StopReason;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Meta Llama bodies: request {@code prompt} + {@code max_gen_len}; response {@code generation},
 * {@code prompt_token_count}, {@code generation_token_count}, {@code stop_reason} ({@code stop} or
 * {@code length}). Llama has no prompt caching.
 */
final class LlamaCodec implements InvokeModelCodec {

  @Override
  public Prompt parseRequest(ObjectNode body) {
    JsonNode prompt = body.get("prompt");
    if (prompt == null || prompt.isNull()) {
      throw BedrockError.malformedInput("#: required key [prompt] not found").toException();
    }
    if (!prompt.isTextual()) {
      throw BedrockError.malformedInput("#/prompt: expected type: String").toException();
    }
    OptionalInt maxTokens = OptionalInt.empty();
    JsonNode max = body.get("max_gen_len");
    if (max != null && !max.isNull()) {
      if (!max.canConvertToInt() || max.asInt() < 1) {
        throw BedrockError.malformedInput(
                "#/max_gen_len: " + max.asText() + " is not greater or equal to 1")
            .toException();
      }
      maxTokens = OptionalInt.of(max.asInt());
    }
    return new Prompt.Builder().text(prompt.asText()).build(maxTokens);
  }

  @Override
  public int defaultMaxTokens() {
    return 512;
  }

  @Override
  public byte[] responseBody(Completion completion, ModelTarget model) {
    return Json.bytes(
        Json.object()
            .put("generation", completion.text())
            .put("prompt_token_count", completion.usage().inputTokens())
            .put("generation_token_count", completion.usage().outputTokens())
            .put("stop_reason", stopReason(completion.stopReason())));
  }

  @Override
  public List<NativeEvent> streamEvents(Completion completion, ModelTarget model) {
    List<NativeEvent> events = new ArrayList<>();
    List<String> tokens = completion.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      ObjectNode chunk = Json.object().put("generation", tokens.get(i));
      if (i == 0) {
        chunk.put("prompt_token_count", completion.usage().inputTokens());
      } else {
        chunk.putNull("prompt_token_count");
      }
      chunk.put("generation_token_count", i + 1).putNull("stop_reason");
      events.add(new NativeEvent(chunk, true));
    }
    ObjectNode last =
        Json.object()
            .put("generation", "")
            .putNull("prompt_token_count")
            .put("generation_token_count", tokens.size())
            .put("stop_reason", stopReason(completion.stopReason()));
    events.add(new NativeEvent(last, false));
    return events;
  }

  private static String stopReason(StopReason reason) {
    return reason == StopReason.MAX_TOKENS ? "length" : "stop";
  }
}
