package io.costsentry.core.usage;

import static io.costsentry.core.ledger.LedgerAttributes.EXPIRES_AT;
import static io.costsentry.core.ledger.LedgerAttributes.PARTITION_KEY;
import static io.costsentry.core.ledger.LedgerAttributes.SORT_KEY;

import io.costsentry.core.ledger.DynamoDbErrors;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The production {@link UsageStore}: items of the ledger table (layout in {@code docs/ledger.md},
 * "Daily usage rollup").
 *
 * <ul>
 *   <li>{@code pk = "usage#<costCenter>"}, {@code sk = "<yyyy-MM-dd>#<applicationId>#<environment>
 *       #<model>#<writerId>"}: one writer's totals of one day and dimensions;
 *   <li>{@code pk = "usage-index"}, {@code sk = "<costCenter>"}: the cost centers that have rows.
 * </ul>
 *
 * <p>Sort key parts are escaped ({@code %} → {@code %25}, {@code #} → {@code %23}) so that no value
 * can make two rows share a key; readers use the plain attributes, never parse the key. Reads are
 * strongly consistent {@code Query}s, page by page.
 */
public final class DynamoDbUsageStore implements UsageStore {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbUsageStore.class);

  public static final String PARTITION_PREFIX = "usage#";
  public static final String INDEX_PARTITION = "usage-index";

  public static final String DAY = "day";
  public static final String COST_CENTER = "costCenter";
  public static final String APPLICATION_ID = "applicationId";
  public static final String ENVIRONMENT = "environment";
  public static final String MODEL = "model";
  public static final String WRITER = "writer";
  public static final String SEQUENCE = "seq";
  public static final String COST_MICROS = "costMicros";
  public static final String INPUT_TOKENS = "inputTokens";
  public static final String OUTPUT_TOKENS = "outputTokens";
  public static final String CACHE_READ_TOKENS = "cacheReadTokens";
  public static final String CACHE_WRITE_TOKENS = "cacheWriteTokens";
  public static final String REQUESTS = "requests";
  public static final String UPDATED_AT = "updatedAt";

  /** Rows stay about 13 months, so a year-over-year report still finds last year's month. */
  static final int RETENTION_DAYS = 400;

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;

  public DynamoDbUsageStore(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC());
  }

  public DynamoDbUsageStore(DynamoDbClient client, String tableName, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(tableName, "tableName");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The sort key of one writer's row. */
  static String sortKey(String writerId, LocalDate day, UsageDimensions d) {
    return day
        + "#"
        + escape(d.applicationId())
        + "#"
        + escape(d.environment())
        + "#"
        + escape(d.model())
        + "#"
        + escape(writerId);
  }

  static String escape(String part) {
    return part.replace("%", "%25").replace("#", "%23");
  }

  @Override
  public boolean write(String writerId, long sequence, DailyUsage usage) {
    UsageDimensions d = usage.dimensions();
    UsageTotals t = usage.totals();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder set = new StringBuilder("SET ");
    int i = 0;
    for (var entry :
        Map.ofEntries(
                Map.entry(DAY, s(usage.day().toString())),
                Map.entry(COST_CENTER, s(d.costCenter())),
                Map.entry(APPLICATION_ID, s(d.applicationId())),
                Map.entry(ENVIRONMENT, s(d.environment())),
                Map.entry(MODEL, s(d.model())),
                Map.entry(WRITER, s(writerId)),
                Map.entry(SEQUENCE, n(sequence)),
                Map.entry(COST_MICROS, n(t.costMicros())),
                Map.entry(INPUT_TOKENS, n(t.inputTokens())),
                Map.entry(OUTPUT_TOKENS, n(t.outputTokens())),
                Map.entry(CACHE_READ_TOKENS, n(t.cacheReadTokens())),
                Map.entry(CACHE_WRITE_TOKENS, n(t.cacheWriteTokens())),
                Map.entry(REQUESTS, n(t.requests())),
                Map.entry(UPDATED_AT, s(clock.instant().toString())),
                Map.entry(EXPIRES_AT, n(expiry(usage.day()))))
            .entrySet()) {
      if (i > 0) {
        set.append(", ");
      }
      names.put("#a" + i, entry.getKey());
      values.put(":v" + i, entry.getValue());
      set.append("#a").append(i).append(" = :v").append(i);
      i++;
    }
    names.put("#seq", SEQUENCE);
    values.put(":seq", n(sequence));
    Map<String, AttributeValue> key =
        Map.of(
            PARTITION_KEY, s(PARTITION_PREFIX + d.costCenter()),
            SORT_KEY, s(sortKey(writerId, usage.day(), d)));
    try {
      DynamoDbErrors.call(
          table,
          "write usage rollup of " + d.costCenter(),
          () ->
              client.updateItem(
                  r ->
                      r.tableName(table)
                          .key(key)
                          .updateExpression(set.toString())
                          .conditionExpression("attribute_not_exists(#seq) OR #seq < :seq")
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      log.debug("usage rollup {} #{}: a newer write is already stored", key, sequence);
      return false;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>An {@code UpdateItem} (which creates the item), so sidecars need no IAM action beyond the
   * ones they already have for counters.
   */
  @Override
  public void registerCostCenter(String costCenter) {
    DynamoDbErrors.call(
        table,
        "register cost center " + costCenter,
        () ->
            client.updateItem(
                r ->
                    r.tableName(table)
                        .key(Map.of(PARTITION_KEY, s(INDEX_PARTITION), SORT_KEY, s(costCenter)))
                        .updateExpression("SET #cc = :cc, #at = :at")
                        .expressionAttributeNames(Map.of("#cc", COST_CENTER, "#at", UPDATED_AT))
                        .expressionAttributeValues(
                            Map.of(":cc", s(costCenter), ":at", s(clock.instant().toString())))));
  }

  @Override
  public Set<String> costCenters() {
    Set<String> result = new TreeSet<>();
    query(
        "list cost centers with usage",
        QueryRequest.builder()
            .keyConditionExpression("#pk = :pk")
            .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
            .expressionAttributeValues(Map.of(":pk", s(INDEX_PARTITION))),
        item -> {
          AttributeValue value = item.get(COST_CENTER);
          if (value != null && value.s() != null) {
            result.add(value.s());
          }
        });
    return result;
  }

  @Override
  public List<DailyUsage> read(String costCenter, LocalDate from, LocalDate to) {
    Map<LocalDate, Map<UsageDimensions, UsageTotals>> sums = new TreeMap<>();
    query(
        "read usage of " + costCenter,
        QueryRequest.builder()
            .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
            .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
            .expressionAttributeValues(
                Map.of(
                    ":pk", s(PARTITION_PREFIX + costCenter),
                    ":from", s(from.toString()),
                    // '$' sorts right after '#': every row of the last day, nothing of the next.
                    ":to", s(to + "$"))),
        item -> {
          LocalDate day = LocalDate.parse(item.get(DAY).s());
          UsageDimensions dimensions =
              new UsageDimensions(
                  costCenter, str(item, APPLICATION_ID), str(item, ENVIRONMENT), str(item, MODEL));
          UsageTotals totals =
              new UsageTotals(
                  num(item, COST_MICROS),
                  num(item, INPUT_TOKENS),
                  num(item, OUTPUT_TOKENS),
                  num(item, CACHE_READ_TOKENS),
                  num(item, CACHE_WRITE_TOKENS),
                  num(item, REQUESTS));
          sums.computeIfAbsent(day, k -> new LinkedHashMap<>())
              .merge(dimensions, totals, UsageTotals::plus);
        });
    List<DailyUsage> result = new ArrayList<>();
    sums.forEach(
        (day, byDimensions) ->
            byDimensions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(InMemoryUsageStore.DIMENSION_ORDER))
                .forEach(e -> result.add(new DailyUsage(day, e.getKey(), e.getValue()))));
    return result;
  }

  private void query(
      String what,
      QueryRequest.Builder request,
      java.util.function.Consumer<Map<String, AttributeValue>> each) {
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest page =
          request.tableName(table).consistentRead(true).exclusiveStartKey(start).build();
      QueryResponse response = DynamoDbErrors.call(table, what, () -> client.query(page));
      response.items().forEach(each);
      start =
          response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
              ? response.lastEvaluatedKey()
              : null;
    } while (start != null);
  }

  private static long expiry(LocalDate day) {
    return day.plusDays(1 + RETENTION_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null ? "" : value.s();
  }

  private static long num(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }
}
