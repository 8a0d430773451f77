package io.costsentry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.core.config.PolicySnapshot.Route;
import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.ledger.Hold;
import io.costsentry.core.ledger.LedgerUnavailableException;
import io.costsentry.core.policy.Window;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.core.testing.TcpGate;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The policy store contract, and what only the DynamoDB store has, against dynalite. Every test
 * gets a table of its own, created as the ledger creates it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DynamoDbPolicyStoreIT extends PolicyStoreContract {
  private static final Instant NOW = Instant.parse("2026-11-15T10:30:00Z");
  private static final Duration OUTAGE_DETECTION_BOUND = Duration.ofSeconds(6);

  private static Dynalite dynalite;
  private static DynamoDbClient client;

  private final AtomicInteger queries = new AtomicInteger();
  private String table;
  private DynamoDbPolicyStore store;

  @BeforeAll
  static void startDynalite() {
    dynalite = Dynalite.start();
    client = DynaliteClients.of(dynalite);
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

  @BeforeEach
  void freshTable() {
    table = "policies-" + UUID.randomUUID();
    new DynamoDbLedger(client, table).ensureTable();
    store =
        new DynamoDbPolicyStore(countingQueries(client), table, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Override
  protected PolicyStore store() {
    return store;
  }

  /** Delegates to {@code delegate}, counting Query calls (pages). */
  private DynamoDbClient countingQueries(DynamoDbClient delegate) {
    return new DynamoDbClient() {
      @Override
      public QueryResponse query(QueryRequest request) {
        queries.incrementAndGet();
        return delegate.query(request);
      }

      @Override
      public software.amazon.awssdk.services.dynamodb.model.PutItemResponse putItem(
          software.amazon.awssdk.services.dynamodb.model.PutItemRequest request) {
        return delegate.putItem(request);
      }

      @Override
      public software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse deleteItem(
          software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest request) {
        return delegate.deleteItem(request);
      }

      @Override
      public String serviceName() {
        return delegate.serviceName();
      }

      @Override
      public void close() {}
    };
  }

  private Map<String, AttributeValue> rawItem(String sk) {
    return client
        .getItem(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "pk", AttributeValue.fromS("config#v1alpha1"),
                            "sk", AttributeValue.fromS(sk))))
        .item();
  }

  private void putRaw(String pk, String sk, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(attributes);
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromS(sk));
    client.putItem(r -> r.tableName(table).item(item));
  }

  @Test
  void itemsHaveTheDocumentedLayout() {
    String manifest = aliasJson(HAIKU, "anthropic.claude-3-5-haiku-20241022-v1:0");
    store.putAlias(HAIKU, manifest);
    store.putBudget("support", budgetJson("support", 10));
    store.putRoute("support", HAIKU, PROFILE_ARN);

    assertThat(DynamoDbPolicyStore.PARTITION).isEqualTo("config#v1alpha1");
    assertThat(rawItem("alias#" + HAIKU))
        .isEqualTo(
            Map.of(
                "pk", AttributeValue.fromS("config#v1alpha1"),
                "sk", AttributeValue.fromS("alias#" + HAIKU),
                "manifest", AttributeValue.fromS(manifest),
                "updatedAt", AttributeValue.fromS("2026-11-15T10:30:00Z")));
    assertThat(rawItem("budget#support"))
        .containsEntry("manifest", AttributeValue.fromS(budgetJson("support", 10)))
        .containsEntry("updatedAt", AttributeValue.fromS("2026-11-15T10:30:00Z"));
    assertThat(rawItem("route#support#" + HAIKU))
        .isEqualTo(
            Map.of(
                "pk", AttributeValue.fromS("config#v1alpha1"),
                "sk", AttributeValue.fromS("route#support#" + HAIKU),
                "profileArn", AttributeValue.fromS(PROFILE_ARN),
                "updatedAt", AttributeValue.fromS("2026-11-15T10:30:00Z")));
  }

  @Test
  void readFollowsEveryPageOfTheQuery() {
    String padding = "y".repeat(20_000);
    for (int i = 0; i < 150; i++) {
      store.putAlias("alias-" + i, "{\"pad\":\"" + padding + i + "\"}");
    }
    queries.set(0);

    PolicySnapshot snapshot = store.read();

    assertThat(snapshot.aliases()).hasSize(150);
    assertThat(snapshot.aliases().get("alias-149")).endsWith(padding + "149\"}");
    assertThat(queries.get()).as("Query pages").isGreaterThan(1);
  }

  @Test
  void recordsCoexistWithLedgerCountersInTheSameTable() {
    DynamoDbLedger ledger = new DynamoDbLedger(client, table);
    Window november =
        new Window(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
    CounterKey budgetCounter = new CounterKey("budget#support#daily-cost", november);
    CounterKey aliasCounter = new CounterKey("alias#" + HAIKU + "#tokens-per-minute", november);
    Hold hold = new Hold(UUID.randomUUID() + "-0", 300, NOW.plusSeconds(300));
    assertThat(ledger.reserve(budgetCounter, hold, 1_000)).isTrue();
    assertThat(ledger.reserve(aliasCounter, hold, 1_000)).isTrue();

    store.putBudget("support", budgetJson("support", 10));
    store.putAlias(HAIKU, aliasJson(HAIKU, "anthropic.claude-3-5-haiku-20241022-v1:0"));
    store.putRoute("support", HAIKU, PROFILE_ARN);
    ledger.settle(budgetCounter, hold, 120);

    PolicySnapshot snapshot = store.read();
    assertThat(snapshot.budgets()).containsOnlyKeys("support");
    assertThat(snapshot.aliases()).containsOnlyKeys(HAIKU);
    assertThat(snapshot.routes()).containsOnlyKeys(new Route("support", HAIKU));

    store.deleteBudget("support");
    store.deleteAlias(HAIKU);
    assertThat(ledger.read(budgetCounter).used()).isEqualTo(120);
    assertThat(ledger.read(aliasCounter).committed()).isEqualTo(300);
    assertThat(store.read().budgets()).isEmpty();
  }

  @Test
  void recordsOfOtherVersionsAndUnknownKindsAreIgnored() {
    store.putAlias(HAIKU, "{}");
    putRaw("config#v1", "alias#future", Map.of("manifest", AttributeValue.fromS("{}")));
    putRaw("config#v1alpha1x", "alias#near", Map.of("manifest", AttributeValue.fromS("{}")));
    putRaw("config#v1alpha1", "quota#support", Map.of("manifest", AttributeValue.fromS("{}")));

    assertThat(store.read()).isEqualTo(new PolicySnapshot(Map.of(HAIKU, "{}"), Map.of(), Map.of()));
  }

  @Test
  void malformedRecordsEditedByHandAreSkipped() {
    store.putBudget("support", "{}");
    putRaw("config#v1alpha1", "alias#no-manifest", Map.of());
    putRaw("config#v1alpha1", "alias#numeric", Map.of("manifest", AttributeValue.fromN("1")));
    putRaw("config#v1alpha1", "alias#Bad_Name", Map.of("manifest", AttributeValue.fromS("{}")));
    putRaw("config#v1alpha1", "route#no-alias", Map.of("profileArn", AttributeValue.fromS("a")));
    putRaw("config#v1alpha1", "route#support#" + HAIKU, Map.of());

    assertThat(store.read())
        .isEqualTo(new PolicySnapshot(Map.of(), Map.of("support", "{}"), Map.of()));
  }

  @Test
  void aMissingTableIsReportedAsUnavailableNamingTheTable() {
    DynamoDbPolicyStore nowhere = new DynamoDbPolicyStore(client, "no-such-table");

    for (Executable call :
        new Executable[] {
          nowhere::read,
          () -> nowhere.putAlias(HAIKU, "{}"),
          () -> nowhere.deleteRoute("support", HAIKU)
        }) {
      assertThatThrownBy(call::execute)
          .isInstanceOf(LedgerUnavailableException.class)
          .hasMessageContaining("no-such-table");
    }
  }

  @Test
  void aTableThatIsDownSurfacesAsUnavailableWithinSeconds() {
    try (TcpGate gate = TcpGate.to(dynalite.endpoint());
        DynamoDbClient gatedClient = DynaliteClients.of(gate.endpoint())) {
      DynamoDbPolicyStore gated = new DynamoDbPolicyStore(gatedClient, table);
      gated.putAlias(HAIKU, "{}");
      assertThat(gated.read().aliases()).containsOnlyKeys(HAIKU);

      gate.cut();

      assertUnavailableWithinBound(gated::read);
      assertUnavailableWithinBound(() -> gated.putBudget("support", "{}"));
      assertUnavailableWithinBound(() -> gated.deleteAlias(HAIKU));

      gate.restore();
      gated.putBudget("support", "{}");
      assertThat(gated.read().budgets()).containsOnlyKeys("support");
    }
  }

  @Test
  void anItemTooLargeForDynamoDbIsABugNotAnOutage() {
    String huge = "z".repeat(410_000);
    assertThatThrownBy(() -> store.putAlias(HAIKU, huge))
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(LedgerUnavailableException.class);
  }

  private static void assertUnavailableWithinBound(Runnable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call::run).isInstanceOf(LedgerUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(OUTAGE_DETECTION_BOUND);
  }
}
