package io.costsentry.core.testing;

import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB clients of a dynalite, configured as the ledger configures production clients. */
public final class DynaliteClients {
  private DynaliteClients() {}

  /** A client of {@code dynalite}; the caller closes it. */
  public static DynamoDbClient of(Dynalite dynalite) {
    return of(dynalite.endpoint());
  }

  /**
   * A client of any dynalite-like endpoint (for instance a {@link TcpGate} in front of dynalite),
   * with dummy credentials.
   */
  public static DynamoDbClient of(URI endpoint) {
    return DynamoDbLedger.clientBuilder(
            new DynamoDbLedger.Settings(endpoint, null, false, Region.US_EAST_1))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }
}
