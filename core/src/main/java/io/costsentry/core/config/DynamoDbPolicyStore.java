package io.costsentry.core.config;

import static io.costsentry.core.ledger.LedgerAttributes.PARTITION_KEY;
import static io.costsentry.core.ledger.LedgerAttributes.SORT_KEY;

import io.costsentry.core.config.PolicySnapshot.Route;
import io.costsentry.core.ledger.DynamoDbErrors;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.ledger.LedgerUnavailableException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The production {@link PolicyStore}: items of the ledger table (the one {@link DynamoDbLedger}
 * uses, on the same client) in a partition of their own, {@value #PARTITION}. Layout in {@code
 * docs/ledger.md}:
 *
 * <ul>
 *   <li>{@code sk = "alias#<name>"}, {@value #MANIFEST} (S): a ModelAlias manifest;
 *   <li>{@code sk = "budget#<name>"}, {@value #MANIFEST} (S): a CostCenterBudget manifest;
 *   <li>{@code sk = "route#<costCenter>#<alias>"}, {@value #PROFILE_ARN} (S): the application
 *       inference profile of that cost center and alias.
 * </ul>
 *
 * <p>Every record also has {@value #UPDATED_AT} (S, ISO-8601 UTC instant of the last write).
 *
 * <p>Writes are a single unconditional {@code PutItem} or {@code DeleteItem}, so retries are
 * harmless. {@link #read()} is a strongly consistent {@code Query} of the partition, page by page.
 * Failures map as in {@link DynamoDbLedger}: a missing, unreachable or throttled table throws
 * {@link LedgerUnavailableException}, a request DynamoDB refuses throws {@link
 * IllegalStateException}; names that cannot be keys throw {@link IllegalArgumentException}.
 */
public final class DynamoDbPolicyStore implements PolicyStore {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbPolicyStore.class);

  /** Partition key value of every configuration record of this schema version. */
  public static final String PARTITION = "config#" + SCHEMA_VERSION;

  /** (S) the manifest JSON of an alias or budget record. */
  public static final String MANIFEST = "manifest";

  /** (S) the application inference profile ARN of a route record. */
  public static final String PROFILE_ARN = "profileArn";

  /** (S) when the record was last written, ISO-8601 UTC; informational. */
  public static final String UPDATED_AT = "updatedAt";

  private static final AttributeValue PARTITION_VALUE = AttributeValue.fromS(PARTITION);

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;

  /** A store on an existing client (which stays the caller's to close) and the ledger table. */
  public DynamoDbPolicyStore(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC());
  }

  /**
   * As {@link #DynamoDbPolicyStore(DynamoDbClient, String)}, stamping writes with {@code clock}.
   */
  public DynamoDbPolicyStore(DynamoDbClient client, String tableName, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(tableName, "tableName");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public String tableName() {
    return table;
  }

  @Override
  public void putAlias(String name, String manifestJson) {
    put(PolicyRecords.aliasKey(name), MANIFEST, PolicyRecords.manifest(manifestJson));
  }

  @Override
  public void deleteAlias(String name) {
    delete(PolicyRecords.aliasKey(name));
  }

  @Override
  public void putBudget(String name, String manifestJson) {
    put(PolicyRecords.budgetKey(name), MANIFEST, PolicyRecords.manifest(manifestJson));
  }

  @Override
  public void deleteBudget(String name) {
    delete(PolicyRecords.budgetKey(name));
  }

  @Override
  public void putRoute(String costCenter, String alias, String inferenceProfileArn) {
    put(
        PolicyRecords.routeKey(costCenter, alias),
        PROFILE_ARN,
        PolicyRecords.profileArn(inferenceProfileArn));
  }

  @Override
  public void deleteRoute(String costCenter, String alias) {
    delete(PolicyRecords.routeKey(costCenter, alias));
  }

  @Override
  public PolicySnapshot read() {
    Map<String, String> aliases = new HashMap<>();
    Map<String, String> budgets = new HashMap<>();
    Map<Route, String> routes = new HashMap<>();
    Map<String, AttributeValue> startKey = null;
    int page = 0;
    do {
      Map<String, AttributeValue> from = startKey;
      QueryResponse response =
          DynamoDbErrors.call(
              table,
              "read configuration, page " + ++page,
              () ->
                  client.query(
                      r ->
                          r.tableName(table)
                              .keyConditionExpression("#pk = :pk")
                              .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                              .expressionAttributeValues(Map.of(":pk", PARTITION_VALUE))
                              .consistentRead(true)
                              .exclusiveStartKey(from)));
      for (Map<String, AttributeValue> item : response.items()) {
        collect(item, aliases, budgets, routes);
      }
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (startKey != null && !startKey.isEmpty());
    return new PolicySnapshot(aliases, budgets, routes);
  }

  private static void collect(
      Map<String, AttributeValue> item,
      Map<String, String> aliases,
      Map<String, String> budgets,
      Map<Route, String> routes) {
    String sk = string(item, SORT_KEY).orElse("");
    if (sk.startsWith(PolicyRecords.ALIAS_PREFIX)) {
      collectNamed(item, sk, PolicyRecords.ALIAS_PREFIX, aliases::put);
    } else if (sk.startsWith(PolicyRecords.BUDGET_PREFIX)) {
      collectNamed(item, sk, PolicyRecords.BUDGET_PREFIX, budgets::put);
    } else if (sk.startsWith(PolicyRecords.ROUTE_PREFIX)) {
      Optional<Route> route = PolicyRecords.parseRoute(sk);
      Optional<String> arn = string(item, PROFILE_ARN).filter(a -> !a.isBlank());
      if (route.isPresent() && arn.isPresent()) {
        routes.put(route.get(), arn.get());
      } else {
        skipMalformed(sk, PROFILE_ARN);
      }
    } else {
      log.debug("skipping configuration record {} of a kind this version does not know", sk);
    }
  }

  private static void collectNamed(
      Map<String, AttributeValue> item, String sk, String prefix, BiConsumer<String, String> into) {
    Optional<String> name = PolicyRecords.parseName(sk, prefix);
    Optional<String> manifest = string(item, MANIFEST).filter(m -> !m.isBlank());
    if (name.isPresent() && manifest.isPresent()) {
      into.accept(name.get(), manifest.get());
    } else {
      skipMalformed(sk, MANIFEST);
    }
  }

  /** Not written by a store: someone edited the table by hand. */
  private static void skipMalformed(String sk, String attribute) {
    log.warn(
        "skipping configuration record {}: its name is invalid or it has no string attribute {}",
        sk,
        attribute);
  }

  private static Optional<String> string(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null ? Optional.empty() : Optional.ofNullable(value.s());
  }

  private void put(String sk, String attribute, String value) {
    Map<String, AttributeValue> item =
        Map.of(
            PARTITION_KEY, PARTITION_VALUE,
            SORT_KEY, AttributeValue.fromS(sk),
            attribute, AttributeValue.fromS(value),
            UPDATED_AT, AttributeValue.fromS(clock.instant().toString()));
    DynamoDbErrors.call(
        table, "put configuration " + sk, () -> client.putItem(r -> r.tableName(table).item(item)));
    log.debug("stored configuration record {}", sk);
  }

  private void delete(String sk) {
    DynamoDbErrors.call(
        table,
        "delete configuration " + sk,
        () -> client.deleteItem(r -> r.tableName(table).key(key(sk))));
    log.debug("deleted configuration record {}", sk);
  }

  private static Map<String, AttributeValue> key(String sk) {
    return Map.of(PARTITION_KEY, PARTITION_VALUE, SORT_KEY, AttributeValue.fromS(sk));
  }
}
