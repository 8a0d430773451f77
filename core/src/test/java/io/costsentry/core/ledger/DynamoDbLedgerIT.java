package io.costsentry.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.core.testing.TcpGate;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/** The ledger contract, and what only the DynamoDB ledger has, against dynalite. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DynamoDbLedgerIT extends LedgerContract {
  /** Detection must beat the sidecar's patience: the client gives up after 3 s (+ slack). */
  private static final Duration OUTAGE_DETECTION_BOUND = Duration.ofSeconds(6);

  private static Dynalite dynalite;
  private static DynamoDbClient client;
  private static DynamoDbLedger ledger;

  @BeforeAll
  static void startDynalite() {
    dynalite = Dynalite.start();
    client = DynaliteClients.of(dynalite);
    ledger = new DynamoDbLedger(client, DynamoDbLedger.DEFAULT_TABLE);
    ledger.ensureTable();
  }

  @AfterAll
  static void stopDynalite() {
    if (client != null) {
      client.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Override
  protected Ledger ledger() {
    return ledger;
  }

  private static String freshTableName() {
    return "ledger-" + UUID.randomUUID();
  }

  @Test
  void ensureTableCreatesATableKeyedByCounterAndWindow() {
    String table = freshTableName();

    new DynamoDbLedger(client, table).ensureTable();

    TableDescription description = client.describeTable(r -> r.tableName(table)).table();
    assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(description.keySchema())
        .extracting(KeySchemaElement::attributeName, KeySchemaElement::keyType)
        .containsExactly(tuple("pk", KeyType.HASH), tuple("sk", KeyType.RANGE));
    assertThat(description.attributeDefinitions())
        .allSatisfy(a -> assertThat(a.attributeType()).isEqualTo(ScalarAttributeType.S));
  }

  @Test
  void ensureTableSucceedsForTwoSidecarsAtOnceAndAgainLater() throws Exception {
    String table = freshTableName();
    try (DynamoDbClient otherClient = DynaliteClients.of(dynalite);
        ExecutorService sidecars = Executors.newFixedThreadPool(2)) {
      DynamoDbLedger first = new DynamoDbLedger(client, table);
      DynamoDbLedger second = new DynamoDbLedger(otherClient, table);
      CountDownLatch start = new CountDownLatch(1);

      Future<?> a = sidecars.submit(() -> ensureAfter(start, first));
      Future<?> b = sidecars.submit(() -> ensureAfter(start, second));
      start.countDown();
      a.get(30, TimeUnit.SECONDS);
      b.get(30, TimeUnit.SECONDS);
      first.ensureTable();

      assertThat(first.reserve(counter("cost"), hold(10), 100)).isTrue();
      assertThat(second.read(counter("cost")).committed()).isEqualTo(10);
    }
  }

  @Test
  void ensureTableToleratesLosingTheCreateRaceToAnotherSidecar() {
    String table = freshTableName();
    new DynamoDbLedger(client, table).ensureTable();
    // This sidecar looked before the other one created the table, so it tries to create it too.
    DynamoDbClient lateLooker =
        new DynamoDbClient() {
          private boolean looked;

          @Override
          public DescribeTableResponse describeTable(DescribeTableRequest request) {
            if (!looked) {
              looked = true;
              throw ResourceNotFoundException.builder().message("not yet").build();
            }
            return client.describeTable(request);
          }

          @Override
          public CreateTableResponse createTable(CreateTableRequest request) {
            return client.createTable(request);
          }

          @Override
          public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
            return client.updateTimeToLive(request);
          }

          @Override
          public String serviceName() {
            return client.serviceName();
          }

          @Override
          public void close() {}
        };

    new DynamoDbLedger(lateLooker, table).ensureTable();

    assertThat(client.describeTable(r -> r.tableName(table)).table().tableStatus())
        .isEqualTo(TableStatus.ACTIVE);
  }

  private static void ensureAfter(CountDownLatch start, DynamoDbLedger sidecar) {
    try {
      start.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    sidecar.ensureTable();
  }

  @Test
  void ensureTableRefusesATableOfTheSameNameWithAnotherKeySchema() {
    String table = freshTableName();
    client.createTable(
        r ->
            r.tableName(table)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    d -> d.attributeName("id").attributeType(ScalarAttributeType.S)));

    assertThatThrownBy(() -> new DynamoDbLedger(client, table).ensureTable())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(table)
        .hasMessageContaining("key schema");
  }

  @Test
  void itemsHaveTheDocumentedLayout() {
    CounterKey key = counter("cost");
    Hold settled = hold(500);
    Hold outstanding = hold(200);
    ledger.reserve(key, settled, 1_000);
    ledger.reserve(key, outstanding, 1_000);
    ledger.settle(key, settled, 120);

    Map<String, AttributeValue> item =
        client
            .getItem(
                r ->
                    r.tableName(DynamoDbLedger.DEFAULT_TABLE)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS(key.counterId()),
                                "sk", AttributeValue.fromS("2026-11-01T00:00:00Z"))))
            .item();

    long expiresAt = NOVEMBER.end().plus(Duration.ofDays(35)).getEpochSecond();
    assertThat(item)
        .containsOnlyKeys(
            "pk",
            "sk",
            "committed",
            "used",
            "requests",
            "limit",
            "windowEnd",
            "expiresAt",
            "h_" + outstanding.id());
    assertThat(item.get("committed").n()).isEqualTo("320");
    assertThat(item.get("used").n()).isEqualTo("120");
    assertThat(item.get("requests").n()).isEqualTo("1");
    assertThat(item.get("limit").n()).isEqualTo("1000");
    assertThat(item.get("windowEnd").s()).isEqualTo("2026-12-01T00:00:00Z");
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(expiresAt));
    assertThat(item.get("h_" + outstanding.id()).m())
        .isEqualTo(
            Map.of(
                "amount", AttributeValue.fromN("200"),
                "expiresAt",
                    AttributeValue.fromN(Long.toString(outstanding.expiresAt().toEpochMilli()))));
  }

  @Test
  void aMissingTableIsReportedAsUnavailableNamingTheTable() {
    DynamoDbLedger nowhere = new DynamoDbLedger(client, "no-such-table");

    assertThatThrownBy(() -> nowhere.reserve(counter("cost"), hold(1), 10))
        .isInstanceOf(LedgerUnavailableException.class)
        .hasMessageContaining("no-such-table");
    assertThatThrownBy(() -> nowhere.read(counter("cost")))
        .isInstanceOf(LedgerUnavailableException.class)
        .hasMessageContaining("no-such-table");
  }

  @Test
  void holdIdsWithSpacesOrControlCharactersAreRejected() {
    Hold spaced = new Hold("request 1", 10, NOW);

    assertThatThrownBy(() -> ledger.reserve(counter("cost"), spaced, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hold id");
  }

  @Test
  void holdIdsMayContainDynamoDbExpressionCharacters() {
    CounterKey key = counter("cost");
    Hold odd = new Hold("req-1#budget:daily.cost/x=y,z[0]", 10, NOW);

    assertThat(ledger.reserve(key, odd, 100)).isTrue();
    assertThat(ledger.read(key).holds()).containsOnlyKeys(odd.id());
    ledger.settle(key, odd, 7);
    assertThat(ledger.read(key).used()).isEqualTo(7);
  }

  @Test
  void aLedgerThatIsDownSurfacesAsUnavailableWithinSeconds() {
    try (TcpGate gate = TcpGate.to(dynalite.endpoint());
        DynamoDbClient gatedClient = DynaliteClients.of(gate.endpoint())) {
      DynamoDbLedger gated = new DynamoDbLedger(gatedClient, DynamoDbLedger.DEFAULT_TABLE);
      CounterKey key = counter("cost");
      assertThat(gated.reserve(key, hold(10), 100)).isTrue();

      gate.cut();

      assertUnavailableWithinBound(() -> gated.reserve(key, hold(10), 100));
      assertUnavailableWithinBound(() -> gated.read(key));
    }
  }

  @Test
  void aPartitionedLedgerTimesOutWithinSecondsInsteadOfHanging() {
    try (TcpGate gate = TcpGate.to(dynalite.endpoint());
        DynamoDbClient gatedClient = DynaliteClients.of(gate.endpoint())) {
      DynamoDbLedger gated = new DynamoDbLedger(gatedClient, DynamoDbLedger.DEFAULT_TABLE);
      CounterKey key = counter("cost");
      assertThat(gated.reserve(key, hold(10), 100)).isTrue();

      gate.stall();

      assertUnavailableWithinBound(() -> gated.reserve(key, hold(10), 100));
    }
  }

  @Test
  void writesWorkAgainWhenTheLedgerComesBackAndRetriedSettlementsCountOnce() {
    try (TcpGate gate = TcpGate.to(dynalite.endpoint());
        DynamoDbClient gatedClient = DynaliteClients.of(gate.endpoint())) {
      DynamoDbLedger gated = new DynamoDbLedger(gatedClient, DynamoDbLedger.DEFAULT_TABLE);
      CounterKey key = counter("cost");
      Hold hold = hold(500);
      assertThat(gated.reserve(key, hold, 1_000)).isTrue();

      gate.cut();
      assertUnavailableWithinBound(() -> gated.settle(key, hold, 300));
      gate.restore();
      gated.settle(key, hold, 300);
      gated.settle(key, hold, 300);

      assertThat(gated.reserve(key, hold(700), 1_000)).isTrue();
      CounterState state = ledger.read(key);
      assertThat(state.used()).isEqualTo(300);
      assertThat(state.requests()).isEqualTo(1);
      assertThat(state.committed()).isEqualTo(1_000);
    }
  }

  @Test
  void aReserveRetriedBySecondClientAfterAnAmbiguousFailureIsCountedOnce() {
    // The first attempt was applied but its answer lost; the retry may run on another connection.
    try (DynamoDbClient retryClient = DynaliteClients.of(dynalite)) {
      DynamoDbLedger retrying = new DynamoDbLedger(retryClient, DynamoDbLedger.DEFAULT_TABLE);
      CounterKey key = counter("cost");
      Hold hold = hold(700);
      assertThat(ledger.reserve(key, hold, 1_000)).isTrue();

      assertThat(retrying.reserve(key, hold, 1_000)).isTrue();

      assertThat(ledger.read(key).committed()).isEqualTo(700);
      assertThat(retrying.reserve(key, hold(301), 1_000)).isFalse();
    }
  }

  @Test
  void twoSidecarsSharingTheTableNeverOvershoot() throws Exception {
    try (DynamoDbClient otherClient = DynaliteClients.of(dynalite)) {
      DynamoDbLedger otherSidecar = new DynamoDbLedger(otherClient, DynamoDbLedger.DEFAULT_TABLE);
      CounterKey key = counter("cost");
      long limit = 10_000;

      List<Hold> granted = reserveConcurrently(List.of(ledger, otherSidecar), key, limit, 16, 50);

      long grantedTotal = granted.stream().mapToLong(Hold::amount).sum();
      CounterState state = otherSidecar.read(key);
      assertThat(state.committed()).isLessThanOrEqualTo(limit).isEqualTo(grantedTotal);
      assertThat(state.holds()).hasSameSizeAs(granted);
    }
  }

  @Test
  void createBuildsALedgerWithItsOwnClientAndTable() {
    String table = freshTableName();
    // create() takes credentials from the default AWS chain; dynalite accepts any.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    try (DynamoDbLedger created =
        DynamoDbLedger.create(
            new DynamoDbLedger.Settings(dynalite.endpoint(), table, true, Region.US_EAST_1))) {
      assertThat(created.tableName()).isEqualTo(table);
      assertThat(created.reserve(counter("cost"), hold(10), 100)).isTrue();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
    assertThat(client.describeTable(r -> r.tableName(table)).table().tableStatus())
        .isEqualTo(TableStatus.ACTIVE);
  }

  @Test
  void settingsDefaultToTheDocumentedTable() {
    assertThat(DynamoDbLedger.Settings.defaults().tableName()).isEqualTo("costsentry-ledger");
    assertThat(new DynamoDbLedger.Settings(null, " ", true, null).tableName())
        .isEqualTo("costsentry-ledger");
  }

  private static void assertUnavailableWithinBound(Runnable ledgerCall) {
    long started = System.nanoTime();
    assertThatThrownBy(ledgerCall::run).isInstanceOf(LedgerUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(OUTAGE_DETECTION_BOUND);
  }
}
