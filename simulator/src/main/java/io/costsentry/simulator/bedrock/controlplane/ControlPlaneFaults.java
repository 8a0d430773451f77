package io.costsentry.simulator.bedrock.controlplane;

import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Errors injected into the control-plane simulator, answered before the call is looked at, so the
 * call changes nothing. Two kinds: errors armed for the next calls whatever their operation (each
 * answers one call), and an error that answers every call of one operation until lifted (a
 * permission missing from a role, a service down for one API), which a client with other calls in
 * flight cannot consume by accident. Armed errors are answered first.
 */
public final class ControlPlaneFaults {
  private final Queue<BedrockError> armed = new ConcurrentLinkedQueue<>();
  private final Map<String, BedrockError> perOperation = new ConcurrentHashMap<>();

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
    BedrockError error = error(status, shape, message);
    for (int i = 0; i < count; i++) {
      armed.add(error);
    }
    return this;
  }

  /**
   * Answers every call of {@code operation} (e.g. {@code DeleteInferenceProfile}) with {@code
   * status} and error shape {@code shape} until {@link #lift} or {@link #clear}; replaces an error
   * already set for that operation.
   */
  public ControlPlaneFaults failEvery(String operation, int status, String shape, String message) {
    if (operation == null || operation.isBlank()) {
      throw new IllegalArgumentException("an operation name is needed");
    }
    perOperation.put(operation, error(status, shape, message));
    return this;
  }

  /** Lets calls of {@code operation} through again. */
  public void lift(String operation) {
    perOperation.remove(operation);
  }

  /** Errors still armed. */
  public int pending() {
    return armed.size();
  }

  /** Disarms every error, armed or per operation. */
  public void clear() {
    armed.clear();
    perOperation.clear();
  }

  /** The error answering this call of {@code operation}, if any. */
  Optional<BedrockError> take(String operation) {
    BedrockError next = armed.poll();
    return next != null ? Optional.of(next) : Optional.ofNullable(perOperation.get(operation));
  }

  private static BedrockError error(int status, String shape, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    if (shape == null || shape.isBlank()) {
      throw new IllegalArgumentException("an error shape is needed");
    }
    return BedrockError.of(status, shape, Objects.requireNonNull(message, "message"));
  }
}
