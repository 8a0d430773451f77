package io.costsentry.core.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the ledger table when it is missing. Several sidecars (and the operator) may start at
 * once and all call this, so every step tolerates having been done by someone else.
 */
final class LedgerTable {
  private static final Logger log = LoggerFactory.getLogger(LedgerTable.class);

  /** A new on-demand table is usually ACTIVE within seconds; this only bounds a stuck start. */
  private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);

  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration MAX_POLL = Duration.ofSeconds(2);

  static final List<KeySchemaElement> KEY_SCHEMA =
      List.of(
          KeySchemaElement.builder()
              .attributeName(LedgerAttributes.PARTITION_KEY)
              .keyType(KeyType.HASH)
              .build(),
          KeySchemaElement.builder()
              .attributeName(LedgerAttributes.SORT_KEY)
              .keyType(KeyType.RANGE)
              .build());

  private final DynamoDbClient client;
  private final String name;

  LedgerTable(DynamoDbClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** Creates the table if needed, waits until it is ACTIVE, then tries to turn on TTL. */
  void ensure() {
    Optional<TableDescription> existing = describe();
    if (existing.isEmpty()) {
      create();
    } else {
      checkKeySchema(existing.get());
    }
    awaitActive();
    enableTimeToLive();
  }

  private Optional<TableDescription> describe() {
    try {
      return Optional.of(client.describeTable(r -> r.tableName(name)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private void create() {
    try {
      client.createTable(
          r ->
              r.tableName(name)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(KEY_SCHEMA)
                  .attributeDefinitions(
                      stringAttribute(LedgerAttributes.PARTITION_KEY),
                      stringAttribute(LedgerAttributes.SORT_KEY)));
      log.info("Created ledger table {} (on-demand capacity)", name);
    } catch (ResourceInUseException e) {
      log.info("Ledger table {} is being created by another instance", name);
    }
  }

  private static AttributeDefinition stringAttribute(String attribute) {
    return AttributeDefinition.builder()
        .attributeName(attribute)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  /** A table of the same name made for something else would corrupt budgets: refuse it early. */
  private void checkKeySchema(TableDescription table) {
    if (!KEY_SCHEMA.equals(table.keySchema())) {
      throw new IllegalStateException(
          "table "
              + name
              + " exists but its key schema is "
              + table.keySchema()
              + "; the ledger needs pk (HASH, S) and sk (RANGE, S), see docs/ledger.md");
    }
  }

  private void awaitActive() {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    Duration pause = FIRST_POLL;
    while (true) {
      Optional<TableStatus> status = describe().map(TableDescription::tableStatus);
      if (status.equals(Optional.of(TableStatus.ACTIVE))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new LedgerUnavailableException(
            "ledger table "
                + name
                + " is not ACTIVE after "
                + ACTIVE_TIMEOUT
                + " (status "
                + status.map(Object::toString).orElse("not found")
                + ")",
            null);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LedgerUnavailableException("interrupted waiting for table " + name, e);
      }
      pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
    }
  }

  /**
   * Old windows age out through TTL. It is a convenience, not needed for correctness, so an
   * endpoint that does not support it (dynalite) or a role without the permission only logs.
   */
  private void enableTimeToLive() {
    try {
      client.updateTimeToLive(
          r ->
              r.tableName(name)
                  .timeToLiveSpecification(
                      s -> s.enabled(true).attributeName(LedgerAttributes.EXPIRES_AT)));
      log.info("Enabled TTL on {}.{}", name, LedgerAttributes.EXPIRES_AT);
    } catch (DynamoDbException e) {
      String message =
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      if (message != null && message.contains("already enabled")) {
        log.debug("TTL already enabled on {}", name);
      } else {
        log.info(
            "TTL not enabled on {} ({}): old windows will not be deleted automatically",
            name,
            e.getMessage());
      }
    }
  }
}
