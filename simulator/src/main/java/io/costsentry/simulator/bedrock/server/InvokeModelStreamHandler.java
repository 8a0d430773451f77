package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.codec.InvokeModelCodec;
import io.costsentry.simulator.bedrock.codec.InvokeModelCodecs;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.UsageModel;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /model/{modelId}/invoke-with-response-stream}: model-native events in {@code chunk}
 * frames, usage in the last chunk's {@code amazon-bedrock-invocationMetrics} (aws-wire.md §1.8).
 */
final class InvokeModelStreamHandler implements OperationHandler {
  private final UsageModel usageModel;
  private final EventStreamResponder responder;

  InvokeModelStreamHandler(UsageModel usageModel, EventStreamResponder responder) {
    this.usageModel = usageModel;
    this.responder = responder;
  }

  @Override
  public void handle(CallContext call) throws IOException {
    InvokeModelCodec codec = InvokeModelCodecs.forModel(call.model());
    Completion completion =
        usageModel.complete(
            call.model().modelId(),
            codec.parseRequest(InvokeModelCodecs.parseBody(call.request().body())),
            codec.defaultMaxTokens());
    responder.stream(
        call,
        Map.of("X-Amzn-Bedrock-Content-Type", "application/json"),
        InvokeModelCodecs.chunkFrames(codec.streamEvents(completion, call.model()), completion),
        completion.usage());
  }
}
