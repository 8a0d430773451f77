package io.costsentry.simulator.bedrock.controlplane;

import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Errors armed for the next calls to the control-plane simulator, whatever their operation: each
 * armed error answers one call, before the call is looked at, so the call changes nothing.
 */
public final class ControlPlaneFaults {
  private final Queue<BedrockError> armed = new ConcurrentLinkedQueue<>();

  ControlPlaneFaults() {}

  /** Answers the next {@code count} calls with {@code 429 ThrottlingException}. */
  public ControlPlaneFaults throttleNext(int count) {
    return failNext(
        count, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
  }

  /**
   * Answers the next {@code count} calls with {@code status} and error shape {@code shape}, e.g.
   * {@code failNext(1, 403, "AccessDeniedException")} or {@code failNext(2, 500,
   * "InternalServerException")}. Arming again queues behind errors still armed.
   */
  public ControlPlaneFaults failNext(int count, int status, String shape) {
    return failNext(count, status, shape, "Injected by the Bedrock control-plane simulator.");
  }

  /** As {@link #failNext(int, int, String)}, with the {@code message} the body carries. */
  public ControlPlaneFaults failNext(int count, int status, String shape, String message) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    if (shape == null || shape.isBlank()) {
      throw new IllegalArgumentException("an error shape is needed");
    }
    BedrockError error = BedrockError.of(status, shape, Objects.requireNonNull(message, "message"));
    for (int i = 0; i < count; i++) {
      armed.add(error);
    }
    return this;
  }

  /** Errors still armed. */
  public int pending() {
    return armed.size();
  }

  /** Disarms every error. */
  public void clear() {
    armed.clear();
  }

  Optional<BedrockError> take() {
    return Optional.ofNullable(armed.poll());
  }
}
