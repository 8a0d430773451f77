package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.codec.ConverseCodec;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.UsageModel;
import java.io.IOException;
import java.util.Map;

/** {@code POST /model/{modelId}/converse-stream}: Converse events, usage in {@code metadata}. */
final class ConverseStreamHandler implements OperationHandler {
  private final UsageModel usageModel;
  private final EventStreamResponder responder;

  ConverseStreamHandler(UsageModel usageModel, EventStreamResponder responder) {
    this.usageModel = usageModel;
    this.responder = responder;
  }

  @Override
  public void handle(CallContext call) throws IOException {
    Completion completion =
        usageModel.complete(
            call.model().modelId(),
            ConverseCodec.parseRequest(call.request().body()),
            ConverseHandler.DEFAULT_MAX_TOKENS);
    responder.stream(call, Map.of(), ConverseCodec.streamFrames(completion), completion.usage());
  }
}
