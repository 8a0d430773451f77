package io.costsentry.operator.bedrock;

/**
 * A request AWS will keep refusing (unknown model, validation, access denied) until the spec
 * changes.
 */
public class PermanentAwsException extends RuntimeException {
  private final String reason;

  public PermanentAwsException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** A condition reason in UpperCamelCase, e.g. {@code ModelNotFound}, {@code AccessDenied}. */
  public String reason() {
    return reason;
  }
}
