package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.Usage;
import io.costsentry.simulator.bedrock.codec.InvokeModelCodec;
import io.costsentry.simulator.bedrock.codec.InvokeModelCodecs;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.UsageModel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /model/{modelId}/invoke}: the model-native response, with usage in the {@code
 * X-Amzn-Bedrock-*-Token-Count} headers (aws-wire.md §1.7).
 */
final class InvokeModelHandler implements OperationHandler {
  private final UsageModel usageModel;

  InvokeModelHandler(UsageModel usageModel) {
    this.usageModel = usageModel;
  }

  @Override
  public void handle(CallContext call) throws IOException {
    InvokeModelCodec codec = InvokeModelCodecs.forModel(call.model());
    Completion completion =
        usageModel.complete(
            call.model().modelId(),
            codec.parseRequest(InvokeModelCodecs.parseBody(call.request().body())),
            codec.defaultMaxTokens());
    Pause.sleep(completion.latency());
    Responses.json(
        call,
        usageHeaders(completion),
        codec.responseBody(completion, call.model()),
        completion.usage());
  }

  private static Map<String, String> usageHeaders(Completion completion) {
    Usage usage = completion.usage();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Amzn-Bedrock-Input-Token-Count", Integer.toString(usage.inputTokens()));
    headers.put("X-Amzn-Bedrock-Output-Token-Count", Integer.toString(usage.outputTokens()));
    headers.put(
        "X-Amzn-Bedrock-Invocation-Latency", Long.toString(completion.latency().toMillis()));
    if (usage.cacheReadInputTokens() > 0) {
      headers.put(
          "X-Amzn-Bedrock-Cache-Read-Input-Token-Count",
          Integer.toString(usage.cacheReadInputTokens()));
    }
    if (usage.cacheWriteInputTokens() > 0) {
      headers.put(
          "X-Amzn-Bedrock-Cache-Write-Input-Token-Count",
          Integer.toString(usage.cacheWriteInputTokens()));
    }
    return headers;
  }
}
