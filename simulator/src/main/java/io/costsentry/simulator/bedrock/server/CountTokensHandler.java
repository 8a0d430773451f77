package io.costsentry.simulator.bedrock.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.simulator.bedrock.Usage;
import io.costsentry.simulator.bedrock.codec.ConverseCodec;
import io.costsentry.simulator.bedrock.codec.InvokeModelCodecs;
import io.costsentry.simulator.bedrock.codec.Json;
import io.costsentry.simulator.bedrock.model.Prompt;
import io.costsentry.simulator.bedrock.model.UsageModel;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code POST /model/{modelId}/count-tokens} (aws-wire.md §1.9): the input tokens the given
 * Converse or InvokeModel input would cost, cached or not. Counting is free: nothing is billed.
 */
final class CountTokensHandler implements OperationHandler {

  @Override
  public void handle(CallContext call) throws IOException {
    JsonNode input =
        Json.parseObject(
                call.request().body(),
                () -> BedrockError.validation("The request body is not valid JSON."))
            .path("input");
    Prompt prompt;
    if (input.has("converse")) {
      prompt = ConverseCodec.parseConversation(input.get("converse"), OptionalInt.empty());
    } else if (input.has("invokeModel")) {
      prompt =
          InvokeModelCodecs.forModel(call.model())
              .parseRequest(InvokeModelCodecs.parseBody(decodeBlob(input.get("invokeModel"))));
    } else {
      throw BedrockError.validation(
              "1 validation error detected: Value null at 'input' failed to satisfy constraint:"
                  + " Member must not be null")
          .toException();
    }
    byte[] body = Json.bytes(Json.object().put("inputTokens", UsageModel.inputTokens(prompt)));
    Responses.json(call, Map.of(), body, Usage.NONE);
  }

  private static byte[] decodeBlob(JsonNode invokeModel) {
    try {
      return Base64.getDecoder().decode(invokeModel.path("body").asText());
    } catch (IllegalArgumentException e) {
      throw BedrockError.validation("The invokeModel body is not valid base64.").toException();
    }
  }
}
