package io.costsentry.simulator.awsjson;

/**
 * An AWS JSON 1.1 error answer (aws-wire.md §6, §7, Appendix A): the HTTP status, the error shape
 * name that goes into {@code __type} (awsJson1_1 servers send the bare shape name), and the {@code
 * Message} member (capital M for Cost Explorer and Budgets).
 */
public record AwsJsonError(int status, String type, String message) {

  public AwsJsonError {
    if (status < 400 || status > 599 || type == null || type.isBlank()) {
      throw new IllegalArgumentException("an error needs a 4xx/5xx status and a type");
    }
    message = message == null ? "" : message;
  }

  /** A 400 {@code ValidationException}, the answer to malformed input on both services. */
  public static AwsJsonError validation(String message) {
    return new AwsJsonError(400, "ValidationException", message);
  }

  /** Throw the result to answer the current call with this error. */
  public Refused refuse() {
    return new Refused(this);
  }

  /** Thrown while handling a call to answer it with {@link #error()}. */
  public static final class Refused extends RuntimeException {
    private final transient AwsJsonError error;

    Refused(AwsJsonError error) {
      super(error.type() + ": " + error.message(), null, false, false);
      this.error = error;
    }

    public AwsJsonError error() {
      return error;
    }
  }
}
