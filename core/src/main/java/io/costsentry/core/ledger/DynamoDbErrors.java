package io.costsentry.core.ledger;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * How every user of the ledger table ({@link DynamoDbLedger}, the configuration records of {@code
 * io.costsentry.core.config.DynamoDbPolicyStore}) maps DynamoDB failures: outages, throttling,
 * credential and permission errors and a missing table become {@link LedgerUnavailableException};
 * anything else DynamoDB refuses is a bug and becomes {@link IllegalStateException}.
 */
public final class DynamoDbErrors {
  /**
   * Errors that mean the ledger cannot be used right now rather than a bug in the request: the
   * failure policy should decide, and writes that must not be lost should be retried later.
   * Credential and permission errors are here because they are fixed by operators, not code.
   */
  private static final Set<String> UNAVAILABLE_ERROR_CODES =
      Set.of(
          "AccessDeniedException",
          "UnrecognizedClientException",
          "ExpiredTokenException",
          "InvalidSignatureException",
          "RequestExpired",
          "ServiceUnavailable",
          "ThrottlingException",
          "LimitExceededException");

  private DynamoDbErrors() {}

  /**
   * Runs one DynamoDB call on {@code table}, translating its failures. A failed condition is
   * rethrown unchanged as {@link ConditionalCheckFailedException} for the caller to interpret.
   *
   * @param what what the call does, for messages (e.g. {@code "read budget#support#daily-cost"})
   * @throws LedgerUnavailableException if the table is missing, unreachable, throttled, or the
   *     credentials or permissions do not allow the call
   * @throws IllegalStateException if DynamoDB refused the request itself (validation errors)
   */
  public static <T> T call(String table, String what, Supplier<T> dynamoDbCall) {
    try {
      return dynamoDbCall.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (ResourceNotFoundException e) {
      throw new LedgerUnavailableException(
          "ledger table " + table + " does not exist (" + what + "): " + e.getMessage(), e);
    } catch (AwsServiceException e) {
      if (isUnavailable(e)) {
        throw new LedgerUnavailableException(
            "ledger table " + table + " unavailable (" + what + "): " + e.getMessage(), e);
      }
      throw new IllegalStateException(
          "DynamoDB refused " + what + " on table " + table + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      // Client side: connection refused or reset, timeouts, credentials that cannot be loaded.
      throw new LedgerUnavailableException(
          "ledger table " + table + " unreachable (" + what + "): " + e.getMessage(), e);
    }
  }

  private static boolean isUnavailable(AwsServiceException e) {
    return e.statusCode() >= 500
        || e.statusCode() == 401
        || e.statusCode() == 403
        || e.isThrottlingException()
        || e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException
        || (e.awsErrorDetails() != null
            && UNAVAILABLE_ERROR_CODES.contains(e.awsErrorDetails().errorCode()));
  }
}
