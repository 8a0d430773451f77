package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.Operation;
import io.costsentry.simulator.bedrock.RecordedCall;
import io.costsentry.simulator.bedrock.Usage;
import io.costsentry.simulator.bedrock.auth.RequestAuthenticator;
import io.costsentry.simulator.bedrock.fault.FaultPlan;
import io.costsentry.simulator.bedrock.fault.StreamFailure;
import io.costsentry.simulator.bedrock.model.ModelCatalog;
import io.costsentry.simulator.bedrock.model.ModelTarget;
import io.costsentry.simulator.bedrock.model.UsageModel;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import io.costsentry.simulator.bedrock.wire.BedrockException;
import io.costsentry.simulator.bedrock.wire.ReceivedRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline, in Bedrock's order: route on the raw path, authenticate, apply armed
 * faults, check the model id, then let the operation's handler answer. Every request ends up in the
 * {@link CallLog}, refused ones included.
 */
public final class RequestProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);

  private final RequestAuthenticator authenticator;
  private final ModelCatalog catalog;
  private final FaultPlan faults;
  private final CallLog callLog;
  private final Clock clock;
  private final Map<Operation, OperationHandler> handlers = new EnumMap<>(Operation.class);

  public RequestProcessor(
      RequestAuthenticator authenticator,
      ModelCatalog catalog,
      UsageModel usageModel,
      FaultPlan faults,
      CallLog callLog,
      Clock clock) {
    this.authenticator = authenticator;
    this.catalog = catalog;
    this.faults = faults;
    this.callLog = callLog;
    this.clock = clock;
    EventStreamResponder responder = new EventStreamResponder(usageModel);
    handlers.put(Operation.CONVERSE, new ConverseHandler(usageModel));
    handlers.put(Operation.CONVERSE_STREAM, new ConverseStreamHandler(usageModel, responder));
    handlers.put(Operation.INVOKE_MODEL, new InvokeModelHandler(usageModel));
    handlers.put(
        Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM,
        new InvokeModelStreamHandler(usageModel, responder));
    handlers.put(Operation.COUNT_TOKENS, new CountTokensHandler());
  }

  /** Answers one exchange; blocks (on a virtual thread) until the response is written. */
  void process(Exchange exchange) {
    Instant receivedAt = clock.instant();
    ReceivedRequest request;
    try {
      request = exchange.read();
    } catch (IOException e) {
      exchange.abort(e);
      return;
    }
    Route route;
    try {
      route = RouteResolver.resolve(request.method(), request.rawPath());
    } catch (BedrockException e) {
      refuse(exchange, recorder(exchange, request, receivedAt, null), e.error());
      return;
    }
    CallContext.Recorder recorder = recorder(exchange, request, receivedAt, route);
    CallContext call = null;
    try {
      authenticator.authenticate(request);
      call = new CallContext(exchange, request, admit(route), streamFailure(route), recorder);
      handlers.get(route.operation()).handle(call);
    } catch (BedrockException e) {
      refuse(exchange, recorder, e.error());
    } catch (IOException e) {
      if (call != null && !call.recorded()) {
        recorder.record(200, null, Usage.NONE, false);
      }
      exchange.abort(e);
    } catch (RuntimeException e) {
      LOG.error("Simulator failed on {} {}", request.method(), request.rawPath(), e);
      refuse(
          exchange,
          recorder,
          BedrockError.of(500, "InternalServerException", "The simulator failed: " + e));
    }
  }

  /** Records calls of this request into the call log; {@code route} is null for unknown paths. */
  private CallContext.Recorder recorder(
      Exchange exchange, ReceivedRequest request, Instant receivedAt, Route route) {
    return (status, errorType, usage, completed) ->
        callLog.add(
            new RecordedCall(
                exchange.requestId(),
                receivedAt,
                route == null ? null : route.operation(),
                request.protocol(),
                request.method(),
                request.rawPath(),
                route == null ? null : route.modelId(),
                request.headers(),
                request.body(),
                status,
                errorType,
                usage,
                completed));
  }

  /** Applies the armed delay and HTTP failure, then checks the model id. */
  private ModelTarget admit(Route route) throws IOException {
    Optional<Duration> delay = faults.takeDelay();
    if (delay.isPresent()) {
      Pause.sleep(delay.get());
    }
    Optional<BedrockError> failure = faults.takeFailure();
    if (failure.isPresent()) {
      throw failure.get().toException();
    }
    return catalog.resolve(route.modelId());
  }

  private Optional<StreamFailure> streamFailure(Route route) {
    return route.operation().streaming() ? faults.takeStreamFailure() : Optional.empty();
  }

  private static void refuse(Exchange exchange, CallContext.Recorder recorder, BedrockError error) {
    CallLog.Entry entry = recorder.record(error.status(), error.type(), Usage.NONE, true);
    try {
      exchange.sendError(error);
    } catch (IOException | IllegalStateException e) {
      // IllegalStateException: the response was committed already (a stream that broke midway).
      entry.update(recorded -> recorded.withCompleted(false));
      exchange.abort(e);
    }
  }
}
