package io.costsentry.operator.report;

import io.costsentry.core.ledger.LedgerUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Turns what can go wrong while reading the ledger and Cost Explorer into one line a person can act
 * on (which IAM action is missing, which setting to change) and an exit code, instead of a stack
 * trace.
 */
public final class ReportErrors {
  public static final int FAILED = 1;
  public static final int NOT_AUTHORIZED = 3;

  /**
   * @param message one line, without the command name
   */
  public record Failure(String message, int exitCode) {}

  private ReportErrors() {}

  /**
   * @param table the ledger table, for messages
   * @param region the region in use, for messages ({@code null} if unknown)
   */
  public static Failure describe(Throwable error, String table, String region) {
    AwsServiceException service = find(error, AwsServiceException.class);
    String where = region == null ? "" : " in " + region;
    if (service != null) {
      String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
      String detail =
          service.awsErrorDetails() == null
              ? service.getMessage()
              : service.awsErrorDetails().errorMessage();
      boolean denied =
          code != null
                  && (code.contains("AccessDenied")
                      || code.equals("UnauthorizedOperation")
                      || code.equals("UnrecognizedClientException")
                      || code.equals("InvalidSignatureException")
                      || code.equals("ExpiredTokenException"))
              || service.statusCode() == 403;
      if (service instanceof CostExplorerException) {
        if (denied) {
          return new Failure(
              "Cost Explorer refused the credentials ("
                  + code
                  + "): they need the IAM action ce:GetCostAndUsage. AWS said: "
                  + detail,
              NOT_AUTHORIZED);
        }
        if ("DataUnavailableException".equals(code)) {
          return new Failure(
              "Cost Explorer has no data for this period yet (DataUnavailableException): " + detail,
              FAILED);
        }
        if ("LimitExceededException".equals(code) || service.isThrottlingException()) {
          return new Failure(
              "Cost Explorer throttled the request (" + code + "); try again in a minute.", FAILED);
        }
        return new Failure("Cost Explorer refused the request (" + code + "): " + detail, FAILED);
      }
      if (service instanceof DynamoDbException) {
        if (service instanceof ResourceNotFoundException) {
          return new Failure(
              "the ledger table '"
                  + table
                  + "' does not exist"
                  + where
                  + " (set --dynamodb-table, --region or --dynamodb-endpoint)",
              FAILED);
        }
        if (denied) {
          return new Failure(
              "DynamoDB refused the credentials ("
                  + code
                  + "): they need the IAM action dynamodb:Query on table '"
                  + table
                  + "'. AWS said: "
                  + detail,
              NOT_AUTHORIZED);
        }
        return new Failure(
            "DynamoDB refused to read the ledger table '" + table + "' (" + code + "): " + detail,
            FAILED);
      }
      return new Failure("AWS refused the request (" + code + "): " + detail, FAILED);
    }
    SdkClientException client = find(error, SdkClientException.class);
    if (client != null) {
      String message = String.valueOf(client.getMessage());
      if (message.contains("Unable to load credentials")) {
        return new Failure(
            "no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY, or run where the AWS default credential chain finds"
                + " some (SSO login, instance or pod role)",
            NOT_AUTHORIZED);
      }
      if (message.contains("Unable to load region")) {
        return new Failure("no AWS region: set AWS_REGION or --region", FAILED);
      }
      return new Failure("cannot reach AWS: " + firstLine(message), FAILED);
    }
    if (error instanceof LedgerUnavailableException || error instanceof SdkException) {
      return new Failure(firstLine(error.getMessage()), FAILED);
    }
    return new Failure(
        error.getClass().getSimpleName() + ": " + firstLine(error.getMessage()), FAILED);
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
