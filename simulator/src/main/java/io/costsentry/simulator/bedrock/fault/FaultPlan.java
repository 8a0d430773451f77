package io.costsentry.simulator.bedrock.fault;

import io.costsentry.simulator.bedrock.FaultInjector;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The armed faults, one queue per kind, each entry consumed by one call. Lock-free queues keep it
 * safe for the concurrent calls of load tests.
 */
public final class FaultPlan implements FaultInjector {
  private final Queue<BedrockError> failures = new ConcurrentLinkedQueue<>();
  private final Queue<StreamFailure> streamFailures = new ConcurrentLinkedQueue<>();
  private final Queue<Duration> delays = new ConcurrentLinkedQueue<>();

  @Override
  public FaultInjector failNext(int count, int httpStatus, String errorType, String message) {
    requirePositive(count);
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("not an error status: " + httpStatus);
    }
    BedrockError error = BedrockError.of(httpStatus, errorType, message);
    for (int i = 0; i < count; i++) {
      failures.add(error);
    }
    return this;
  }

  @Override
  public FaultInjector failStreamMidway(
      int count, int eventsBeforeFailure, String exceptionType, String message) {
    requirePositive(count);
    if (eventsBeforeFailure < 0) {
      throw new IllegalArgumentException("eventsBeforeFailure must not be negative");
    }
    StreamFailure failure =
        new StreamFailure(
            eventsBeforeFailure,
            Objects.requireNonNull(exceptionType, "exceptionType"),
            Objects.requireNonNull(message, "message"));
    for (int i = 0; i < count; i++) {
      streamFailures.add(failure);
    }
    return this;
  }

  @Override
  public FaultInjector delayNext(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    delays.add(delay);
    return this;
  }

  @Override
  public void clear() {
    failures.clear();
    streamFailures.clear();
    delays.clear();
  }

  /** The delay armed for this call, if any. */
  public Optional<Duration> takeDelay() {
    return Optional.ofNullable(delays.poll());
  }

  /** The HTTP error armed for this call, if any. */
  public Optional<BedrockError> takeFailure() {
    return Optional.ofNullable(failures.poll());
  }

  /** The in-stream failure armed for this streaming call, if any. */
  public Optional<StreamFailure> takeStreamFailure() {
    return Optional.ofNullable(streamFailures.poll());
  }

  private static void requirePositive(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
  }
}
