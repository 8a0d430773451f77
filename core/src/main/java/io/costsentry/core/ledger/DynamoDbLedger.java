package io.costsentry.core.ledger;

import static io.costsentry.core.ledger.LedgerAttributes.COMMITTED;
import static io.costsentry.core.ledger.LedgerAttributes.EXPIRES_AT;
import static io.costsentry.core.ledger.LedgerAttributes.LIMIT;
import static io.costsentry.core.ledger.LedgerAttributes.REQUESTS;
import static io.costsentry.core.ledger.LedgerAttributes.USED;
import static io.costsentry.core.ledger.LedgerAttributes.WINDOW_END;
import static io.costsentry.core.ledger.LedgerAttributes.number;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The production {@link Ledger}: one DynamoDB table shared by every sidecar, one item per counter
 * and window (layout in {@link LedgerAttributes} and {@code docs/ledger.md}).
 *
 * <p>Every write is a single conditional {@code UpdateItem}, no transactions. Each outstanding hold
 * is an attribute {@code h_<holdId>} of the counter's item, and every write is conditioned on that
 * attribute's presence or absence. That makes retries after ambiguous failures (timeouts, lost
 * responses, SDK retries) idempotent: a second reserve finds the hold and adds nothing, a second
 * settle or release finds it gone and does nothing.
 */
public final class DynamoDbLedger implements Ledger {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbLedger.class);

  public static final String DEFAULT_TABLE = "costsentry-ledger";

  /** Items outlive their window by this much (TTL), so reports can still read last month. */
  static final Duration RETENTION_AFTER_WINDOW = Duration.ofDays(35);

  /**
   * Short timeouts and few retries by default: an unreachable ledger must be noticed within about
   * three seconds so that the budget's failure policy decides, instead of requests hanging. Each
   * attempt gets a third of the call's time; a socket may stay silent for two attempts' worth.
   */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(3);

  static final int MAX_ATTEMPTS = 3;
  static final int MAX_CONNECTIONS = 200;

  /** Used only when an explicit endpoint is given and no region is configured (local setups). */
  private static final Region FALLBACK_REGION = Region.US_EAST_1;

  /**
   * How to reach the ledger.
   *
   * @param endpoint DynamoDB endpoint, or {@code null} for the regional endpoint
   * @param tableName table name; {@code null} or blank means {@value #DEFAULT_TABLE}
   * @param createTable create the table when it does not exist
   * @param region region, or {@code null} for the default AWS region chain
   */
  /**
   * @param callTimeout the longest one ledger call may take, retries included, before it counts as
   *     unreachable; {@code null} means {@link #DEFAULT_CALL_TIMEOUT}
   */
  public record Settings(
      URI endpoint, String tableName, boolean createTable, Region region, Duration callTimeout) {
    public Settings {
      if (tableName == null || tableName.isBlank()) {
        tableName = DEFAULT_TABLE;
      }
      callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
      if (!callTimeout.isPositive()) {
        throw new IllegalArgumentException("ledger call timeout must be positive: " + callTimeout);
      }
    }

    public Settings(URI endpoint, String tableName, boolean createTable, Region region) {
      this(endpoint, tableName, createTable, region, null);
    }

    /** The regional endpoint, the default table, created when missing. */
    public static Settings defaults() {
      return new Settings(null, DEFAULT_TABLE, true, null, null);
    }
  }

  private final DynamoDbClient client;
  private final String table;
  private final boolean ownsClient;

  /** A ledger on an existing client, which stays the caller's to close. */
  public DynamoDbLedger(DynamoDbClient client, String tableName) {
    this(client, tableName, false);
  }

  private DynamoDbLedger(DynamoDbClient client, String tableName, boolean ownsClient) {
    this.client = client;
    this.table = tableName;
    this.ownsClient = ownsClient;
  }

  /**
   * A ledger with its own client, configured to detect outages quickly. When {@code
   * settings.createTable()} is set the table is created if missing before this returns.
   *
   * @throws LedgerUnavailableException if the table must be created but DynamoDB cannot be reached
   */
  public static DynamoDbLedger create(Settings settings) {
    DynamoDbLedger ledger =
        new DynamoDbLedger(clientBuilder(settings).build(), settings.tableName(), true);
    if (settings.createTable()) {
      try {
        ledger.ensureTable();
      } catch (RuntimeException e) {
        ledger.close();
        throw e;
      }
    }
    return ledger;
  }

  /**
   * A client builder with the ledger's HTTP client, timeouts, retries, endpoint and region;
   * credentials come from the default AWS chain unless the caller sets them.
   */
  public static DynamoDbClientBuilder clientBuilder(Settings settings) {
    Duration attempt = settings.callTimeout().dividedBy(MAX_ATTEMPTS);
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .maxConnections(MAX_CONNECTIONS)
                    .connectionTimeout(attempt)
                    .connectionAcquisitionTimeout(attempt)
                    .socketTimeout(attempt.multipliedBy(2)))
            .overrideConfiguration(
                o ->
                    o.apiCallAttemptTimeout(attempt)
                        .apiCallTimeout(settings.callTimeout())
                        .retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .build()));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    Region region = settings.region();
    if (region == null && settings.endpoint() != null) {
      region = regionFromChainOr(FALLBACK_REGION);
    }
    if (region != null) {
      builder.region(region);
    }
    return builder;
  }

  private static Region regionFromChainOr(Region fallback) {
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkException e) {
      return fallback;
    }
  }

  public String tableName() {
    return table;
  }

  /**
   * Creates the table (on-demand capacity) if it does not exist, waits until it is ACTIVE, and
   * tries to enable TTL on {@value LedgerAttributes#EXPIRES_AT}. Safe to call from several
   * processes at once.
   */
  public void ensureTable() {
    call(
        "ensure table",
        () -> {
          new LedgerTable(client, table).ensure();
          return null;
        });
  }

  @Override
  public boolean reserve(CounterKey key, Hold hold, long limit) {
    String holdAttribute = LedgerAttributes.holdAttribute(hold.id());
    if (hold.amount() > limit) {
      // Can never fit; granted only if this is a retry of a reserve that fit an earlier limit.
      return holdExists(key, holdAttribute);
    }
    try {
      addHold(
          key,
          hold,
          limit,
          "attribute_not_exists(#h)"
              + " AND (attribute_not_exists(#committed) OR #committed <= :max)",
          Map.of(":max", number(limit - hold.amount())));
      return true;
    } catch (ConditionalCheckFailedException e) {
      // Either the limit would be crossed, or the hold is already there because an earlier
      // attempt of this very reserve was applied although its response was lost.
      boolean ours = holdExists(key, holdAttribute);
      log.debug(
          "reserve {} on {}: {}", hold.id(), key, ours ? "already held (retry)" : "limit reached");
      return ours;
    }
  }

  @Override
  public void forceReserve(CounterKey key, Hold hold, long limit) {
    try {
      addHold(key, hold, limit, "attribute_not_exists(#h)", Map.of());
    } catch (ConditionalCheckFailedException e) {
      log.debug("forceReserve {} on {}: already held", hold.id(), key);
    }
  }

  /** Records the hold and adds its amount to {@code committed}, if {@code condition} holds. */
  private void addHold(
      CounterKey key,
      Hold hold,
      long limit,
      String condition,
      Map<String, AttributeValue> conditionValues) {
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":hold", LedgerAttributes.holdValue(hold),
                ":limit", number(limit),
                ":windowEnd", AttributeValue.fromS(key.window().end().toString()),
                ":expiresAt", number(itemExpiry(key)),
                ":amount", number(hold.amount())));
    values.putAll(conditionValues);
    update(
        key,
        "SET #h = :hold, #limit = :limit, #windowEnd = :windowEnd, #expiresAt = :expiresAt"
            + " ADD #committed :amount",
        condition,
        Map.of(
            "#h", LedgerAttributes.holdAttribute(hold.id()),
            "#limit", LIMIT,
            "#windowEnd", WINDOW_END,
            "#expiresAt", EXPIRES_AT,
            "#committed", COMMITTED),
        values);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The committed total moves by {@code actual - hold.amount()}: pass the hold as it was
   * reserved (a hold id is written once, so its stored amount is the one reserved).
   */
  @Override
  public void settle(CounterKey key, Hold hold, long actual) {
    if (actual < 0) {
      throw new IllegalArgumentException("actual usage must not be negative: " + actual);
    }
    String holdAttribute = LedgerAttributes.holdAttribute(hold.id());
    try {
      update(
          key,
          "REMOVE #h ADD #committed :delta, #used :actual, #requests :one",
          "attribute_exists(#h)",
          Map.of(
              "#h", holdAttribute, "#committed", COMMITTED, "#used", USED, "#requests", REQUESTS),
          Map.of(
              ":delta", number(actual - hold.amount()),
              ":actual", number(actual),
              ":one", number(1)));
    } catch (ConditionalCheckFailedException e) {
      log.debug("settle {} on {}: hold already gone", hold.id(), key);
    }
  }

  @Override
  public void release(CounterKey key, Hold hold) {
    if (!releaseIfHeld(key, hold)) {
      log.debug("release {} on {}: hold already gone", hold.id(), key);
    }
  }

  private boolean releaseIfHeld(CounterKey key, Hold hold) {
    String holdAttribute = LedgerAttributes.holdAttribute(hold.id());
    try {
      update(
          key,
          "REMOVE #h ADD #committed :negativeAmount",
          "attribute_exists(#h)",
          Map.of("#h", holdAttribute, "#committed", COMMITTED),
          Map.of(":negativeAmount", number(-hold.amount())));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public CounterState read(CounterKey key) {
    return LedgerAttributes.counterState(
        call(
            "read " + key.counterId(),
            () ->
                client
                    .getItem(
                        r ->
                            r.tableName(table)
                                .key(LedgerAttributes.itemKey(key))
                                .consistentRead(true))
                    .item()));
  }

  @Override
  public int reclaimExpired(CounterKey key, Instant now) {
    int released = 0;
    for (Hold hold : read(key).holds().values()) {
      // Conditional like any release: a hold settled meanwhile is left alone.
      if (hold.expiresAt().isBefore(now) && releaseIfHeld(key, hold)) {
        log.info(
            "Reclaimed expired hold {} of {} on {} {}",
            hold.id(),
            hold.amount(),
            key.counterId(),
            key.windowId());
        released++;
      }
    }
    return released;
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private boolean holdExists(CounterKey key, String holdAttribute) {
    return call(
        "read " + key.counterId(),
        () ->
            client
                .getItem(
                    r ->
                        r.tableName(table)
                            .key(LedgerAttributes.itemKey(key))
                            .consistentRead(true)
                            .projectionExpression("#h")
                            .expressionAttributeNames(Map.of("#h", holdAttribute)))
                .item()
                .containsKey(holdAttribute));
  }

  /** Epoch seconds at which TTL may delete the item. */
  private static long itemExpiry(CounterKey key) {
    return key.window().end().plus(RETENTION_AFTER_WINDOW).getEpochSecond();
  }

  /**
   * One conditional UpdateItem. A failed condition surfaces as {@link
   * ConditionalCheckFailedException} for the caller to interpret.
   */
  private void update(
      CounterKey key,
      String updateExpression,
      String conditionExpression,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    call(
        "update " + key.counterId(),
        () ->
            client.updateItem(
                r ->
                    r.tableName(table)
                        .key(LedgerAttributes.itemKey(key))
                        .updateExpression(updateExpression)
                        .conditionExpression(conditionExpression)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)));
  }

  /** Runs a DynamoDB call, translating its failures into the {@link Ledger} contract. */
  private <T> T call(String what, Supplier<T> dynamoDbCall) {
    return DynamoDbErrors.call(table, what, dynamoDbCall);
  }
}
