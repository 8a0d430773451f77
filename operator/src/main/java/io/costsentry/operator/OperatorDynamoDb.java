package io.costsentry.operator;

import io.costsentry.core.ledger.DynamoDbLedger;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The operator's DynamoDB client: the ledger's endpoint and region, but patient timeouts and more
 * retries. The ledger's own client ({@link DynamoDbLedger#clientBuilder}) gives up within about
 * three seconds because a sidecar must apply its failure policy before the caller's request hangs;
 * nobody waits on the operator's record writes and usage reads, and a write given up on fails the
 * whole reconcile, which JOSDK retries from the start (Bedrock calls included).
 */
public final class OperatorDynamoDb {
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
  static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);
  static final int MAX_ATTEMPTS = 5;
  static final int MAX_CONNECTIONS = 100;

  private OperatorDynamoDb() {}

  /** Credentials come from the default AWS chain unless the caller sets them. */
  public static DynamoDbClientBuilder clientBuilder(DynamoDbLedger.Settings settings) {
    DynamoDbClientBuilder builder = DynamoDbLedger.clientBuilder(settings);
    return builder
        .httpClientBuilder(
            Apache5HttpClient.builder()
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .connectionAcquisitionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT))
        .overrideConfiguration(
            builder.overrideConfiguration().toBuilder()
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                .apiCallTimeout(API_CALL_TIMEOUT)
                .retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .build());
  }
}
