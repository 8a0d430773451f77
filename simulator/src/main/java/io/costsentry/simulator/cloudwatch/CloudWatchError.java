package io.costsentry.simulator.cloudwatch;

import java.util.Map;

/**
 * A CloudWatch error answer (aws-wire.md §5.2): the HTTP status, the Smithy shape name that goes in
 * {@code __type}, and the awsQuery error code that goes in {@code x-amzn-query-error}, which the
 * Java SDK reports as {@code errorCode()}.
 */
record CloudWatchError(int status, String shape, String queryCode, String message) {
  static final String SHAPE_NAMESPACE = "com.amazonaws.cloudwatch#";

  /** Query codes of the modelled error shapes; an unmodelled shape is its own code. */
  private static final Map<String, String> QUERY_CODES =
      Map.of(
          "InvalidParameterValueException", "InvalidParameterValue",
          "MissingRequiredParameterException", "MissingParameter",
          "InvalidParameterCombinationException", "InvalidParameterCombination",
          "InternalServiceFault", "InternalServiceError",
          "LimitExceededException", "LimitExceeded",
          "ResourceNotFoundException", "ResourceNotFoundException",
          "DashboardInvalidInputError", "InvalidParameterInput",
          "DashboardNotFoundError", "ResourceNotFound");

  static CloudWatchError of(int status, String shape, String message) {
    return new CloudWatchError(status, shape, QUERY_CODES.getOrDefault(shape, shape), message);
  }

  static CloudWatchError invalidParameterValue(String message) {
    return of(400, "InvalidParameterValueException", message);
  }

  static CloudWatchError missingParameter(String message) {
    return of(400, "MissingRequiredParameterException", message);
  }

  static CloudWatchError invalidParameterCombination(String message) {
    return of(400, "InvalidParameterCombinationException", message);
  }

  /** {@code __type}: the absolute shape id. */
  String type() {
    return SHAPE_NAMESPACE + shape;
  }

  /** {@code x-amzn-query-error}: {@code Code;Sender} for client faults, {@code ;Receiver} else. */
  String queryErrorHeader() {
    return queryCode + (status >= 500 ? ";Receiver" : ";Sender");
  }

  RequestRefused toException() {
    return new RequestRefused(this);
  }

  /** Thrown while handling a call to answer it with {@link #error()}. */
  static final class RequestRefused extends RuntimeException {
    private final transient CloudWatchError error;

    RequestRefused(CloudWatchError error) {
      super(error.shape() + ": " + error.message(), null, false, false);
      this.error = error;
    }

    CloudWatchError error() {
      return error;
    }
  }
}
