package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.Usage;
import io.costsentry.simulator.bedrock.fault.StreamFailure;
import io.costsentry.simulator.bedrock.model.ModelTarget;
import io.costsentry.simulator.bedrock.wire.ReceivedRequest;
import java.util.Optional;

/**
 * What an operation handler gets for one call: the exchange to answer on, the request, where it was
 * routed, and a way to record the call once its outcome is known.
 */
final class CallContext {

  /** Records the outcome of a call in the call log. */
  @FunctionalInterface
  interface Recorder {
    CallLog.Entry record(int httpStatus, String errorType, Usage usage, boolean completed);
  }

  private final Exchange exchange;
  private final ReceivedRequest request;
  private final ModelTarget model;
  private final Optional<StreamFailure> streamFailure;
  private final Recorder recorder;
  private boolean recorded;

  CallContext(
      Exchange exchange,
      ReceivedRequest request,
      ModelTarget model,
      Optional<StreamFailure> streamFailure,
      Recorder recorder) {
    this.exchange = exchange;
    this.request = request;
    this.model = model;
    this.streamFailure = streamFailure;
    this.recorder = recorder;
  }

  Exchange exchange() {
    return exchange;
  }

  ReceivedRequest request() {
    return request;
  }

  ModelTarget model() {
    return model;
  }

  /** The in-stream failure armed for this call, if it is a streaming call and one was armed. */
  Optional<StreamFailure> streamFailure() {
    return streamFailure;
  }

  /** Records the outcome; call it before writing the last bytes of the response. */
  CallLog.Entry record(int httpStatus, String errorType, Usage usage, boolean completed) {
    recorded = true;
    return recorder.record(httpStatus, errorType, usage, completed);
  }

  boolean recorded() {
    return recorded;
  }
}
