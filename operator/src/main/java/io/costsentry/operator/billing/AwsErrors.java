package io.costsentry.operator.billing;

import io.costsentry.operator.bedrock.PermanentAwsException;
import io.costsentry.operator.bedrock.TransientAwsException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts a Cost Explorer, Budgets or CloudWatch failure into permanent (access denied, refused
 * input: retrying the same call cannot help) and transient (throttling, 5xx, I/O).
 */
final class AwsErrors {
  static final String ACCESS_DENIED = "AccessDenied";
  static final String INVALID_REQUEST = "InvalidRequest";

  private AwsErrors() {}

  static RuntimeException translate(String action, SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      String message =
          action
              + ": "
              + code
              + " ("
              + service.statusCode()
              + "): "
              + (service.awsErrorDetails() == null
                  ? e.getMessage()
                  : service.awsErrorDetails().errorMessage());
      int status = service.statusCode();
      if (service.isThrottlingException()
          || status >= 500
          || "LimitExceededException".equals(code)
          || "DataUnavailableException".equals(code)) {
        return new TransientAwsException(message, e);
      }
      if (status == 401
          || status == 403
          || (code != null && (code.startsWith("AccessDenied") || code.contains("Unrecognized")))) {
        return new PermanentAwsException(ACCESS_DENIED, message, e);
      }
      if (status >= 400 && status < 500 && status != 408) {
        return new PermanentAwsException(INVALID_REQUEST, message, e);
      }
      return new TransientAwsException(message, e);
    }
    return new TransientAwsException(action + ": " + e.getMessage(), e);
  }
}
