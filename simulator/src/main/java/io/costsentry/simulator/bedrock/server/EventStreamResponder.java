package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.Usage;
import io.costsentry.simulator.bedrock.codec.Json;
import io.costsentry.simulator.bedrock.fault.StreamFailure;
import io.costsentry.simulator.bedrock.model.UsageModel;
import io.costsentry.simulator.bedrock.wire.EventStreamEncoder;
import io.costsentry.simulator.bedrock.wire.StreamFrame;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Streams event frames to the client one at a time, each flushed as it is produced, pausing before
 * output tokens as the usage model says; cuts the stream short with an in-stream exception when a
 * {@link StreamFailure} is armed; and records what the client was billed.
 */
final class EventStreamResponder {
  private final UsageModel usageModel;

  EventStreamResponder(UsageModel usageModel) {
    this.usageModel = usageModel;
  }

  void stream(CallContext call, Map<String, String> headers, List<StreamFrame> frames, Usage usage)
      throws IOException {
    StreamFailure failure = call.streamFailure().orElse(null);
    int framesToSend =
        failure == null ? frames.size() : Math.min(failure.eventsBeforeFailure(), frames.size());
    OutputStream out = call.exchange().startEventStream(headers);
    boolean usageSent = false;
    int tokenIndex = 0;
    try {
      for (int i = 0; i < framesToSend; i++) {
        StreamFrame frame = frames.get(i);
        if (frame.outputToken()) {
          Pause.sleep(usageModel.delayBeforeToken(tokenIndex++));
        }
        out.write(frame.bytes());
        usageSent |= frame.carriesUsage();
      }
    } catch (IOException e) {
      // Bedrock bills the whole response even when the client stops reading.
      call.record(200, null, failure == null || usageSent ? usage : Usage.NONE, false);
      throw e;
    }
    Usage billed = failure == null || usageSent ? usage : Usage.NONE;
    String errorType = failure == null ? null : failure.exceptionType();
    CallLog.Entry entry = call.record(200, errorType, billed, true);
    try {
      if (failure != null) {
        out.write(
            EventStreamEncoder.exception(
                failure.exceptionType(),
                Json.bytes(Json.object().put("message", failure.message()))));
      }
      out.close();
    } catch (IOException e) {
      entry.update(recorded -> recorded.withCompleted(false));
      throw e;
    }
    call.exchange().finish();
  }
}
