package io.costsentry.sidecar.proxy;

/** Bedrock Runtime error shapes the proxy answers with, and their HTTP statuses. */
public enum ErrorType {
  VALIDATION("ValidationException", 400),
  SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 400),
  ACCESS_DENIED("AccessDeniedException", 403),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
  UNKNOWN_OPERATION("UnknownOperationException", 404),
  THROTTLING("ThrottlingException", 429),
  INTERNAL_SERVER("InternalServerException", 500),
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503);

  private final String shape;
  private final int status;

  ErrorType(String shape, int status) {
    this.shape = shape;
    this.status = status;
  }

  /** The error type of a Bedrock error shape name, if the proxy knows it. */
  public static java.util.Optional<ErrorType> fromShape(String shape) {
    for (ErrorType type : values()) {
      if (type.shape.equals(shape)) {
        return java.util.Optional.of(type);
      }
    }
    return java.util.Optional.empty();
  }

  public String shape() {
    return shape;
  }

  public int status() {
    return status;
  }
}
