package io.costsentry.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.ledger.LedgerUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class ReportErrorsTest {
  @Test
  void missingCredentialsSayWhereTheyComeFrom() {
    var error =
        SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain"
                + " AwsCredentialsProviderChain(...)");

    var failure = ReportErrors.describe(error, "costsentry-ledger", "eu-west-1");

    assertThat(failure.exitCode()).isEqualTo(ReportErrors.NOT_AUTHORIZED);
    assertThat(failure.message()).startsWith("no AWS credentials found: set AWS_PROFILE");
  }

  @Test
  void dynamoDbAccessDeniedInsideTheLedgersWrapperNamesQueryOnTheTable() {
    var denied =
        DynamoDbException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("AccessDeniedException")
                    .errorMessage(
                        "User: arn:aws:iam::1:user/x is not authorized to perform: dynamodb:Query")
                    .build())
            .build();
    var wrapped = new LedgerUnavailableException("ledger table t unavailable", denied);

    var failure = ReportErrors.describe(wrapped, "costsentry-ledger", "eu-west-1");

    assertThat(failure.exitCode()).isEqualTo(ReportErrors.NOT_AUTHORIZED);
    assertThat(failure.message())
        .contains("need the IAM action dynamodb:Query on table 'costsentry-ledger'")
        .doesNotContain("\n");
  }
}
