package io.costsentry.simulator.bedrock;

import java.time.Duration;

/**
 * Injects Bedrock failures into upcoming calls. Thread-safe; each armed fault is consumed by the
 * first call it applies to, in arrival order. Faults apply after routing and authentication, so a
 * request that is refused for a bad path or signature does not consume one.
 */
public interface FaultInjector {

  /**
   * The next {@code count} calls answer an HTTP error instead of a result, e.g. {@code failNext(1,
   * 429, "ThrottlingException", "Too many requests, please wait before trying again.")}.
   *
   * @param httpStatus the status, per aws-wire.md §1.10 (503 ServiceUnavailableException, 500
   *     InternalServerException, 424 ModelErrorException, 400 ValidationException, ...)
   * @param errorType the error shape name sent in {@code X-Amzn-ErrorType}
   */
  FaultInjector failNext(int count, int httpStatus, String errorType, String message);

  /**
   * The next {@code count} streaming calls (ConverseStream, InvokeModelWithResponseStream) send
   * {@code eventsBeforeFailure} events of their normal stream, then an in-stream exception frame
   * ({@code :message-type=exception}) and end, as real Bedrock does. Usage counts as reported only
   * when the usage-bearing event (ConverseStream {@code metadata}, the last {@code chunk}) was
   * among the events sent.
   *
   * @param exceptionType the event-stream member name, e.g. {@code throttlingException}, {@code
   *     modelStreamErrorException}, {@code internalServerException}
   */
  FaultInjector failStreamMidway(
      int count, int eventsBeforeFailure, String exceptionType, String message);

  /** The next call waits {@code delay} before sending any response byte. */
  FaultInjector delayNext(Duration delay);

  /** Disarms every pending fault. */
  void clear();
}
