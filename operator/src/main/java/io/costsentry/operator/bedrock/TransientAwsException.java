package io.costsentry.operator.bedrock;

/** Throttling, timeouts, 5xx: retrying later may succeed. */
public class TransientAwsException extends RuntimeException {
  public TransientAwsException(String message, Throwable cause) {
    super(message, cause);
  }
}
