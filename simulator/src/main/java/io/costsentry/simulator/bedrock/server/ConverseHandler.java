package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.codec.ConverseCodec;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.UsageModel;
import java.io.IOException;
import java.util.Map;

/** {@code POST /model/{modelId}/converse}: the whole completion as one JSON body. */
final class ConverseHandler implements OperationHandler {
  /** Output cap when a Converse request sets no {@code maxTokens}. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  private final UsageModel usageModel;

  ConverseHandler(UsageModel usageModel) {
    this.usageModel = usageModel;
  }

  @Override
  public void handle(CallContext call) throws IOException {
    Completion completion =
        usageModel.complete(
            call.model().modelId(),
            ConverseCodec.parseRequest(call.request().body()),
            DEFAULT_MAX_TOKENS);
    // A non-streaming answer arrives once the model has generated it all.
    Pause.sleep(completion.latency());
    Responses.json(call, Map.of(), ConverseCodec.responseBody(completion), completion.usage());
  }
}
