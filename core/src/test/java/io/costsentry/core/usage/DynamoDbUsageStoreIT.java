package io.costsentry.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The usage store contract against dynalite, and the item layout docs/ledger.md promises. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DynamoDbUsageStoreIT extends UsageStoreContract {
  private static Dynalite dynalite;
  private static DynamoDbClient client;
  private static DynamoDbUsageStore store;

  @BeforeAll
  static void startDynalite() {
    dynalite = Dynalite.start();
    client = DynaliteClients.of(dynalite);
    new DynamoDbLedger(client, DynamoDbLedger.DEFAULT_TABLE).ensureTable();
    store = new DynamoDbUsageStore(client, DynamoDbLedger.DEFAULT_TABLE);
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
  protected UsageStore store() {
    return store;
  }

  @Test
  void aRowIsOneItemInTheCostCentersPartitionWithPlainAttributes() {
    String cc = freshCostCenter();
    UsageDimensions d = new UsageDimensions(cc, "chat", "prod", "claude-3-5-haiku");
    store.write("writer-1", 4, new DailyUsage(NOV_2, d, new UsageTotals(412340, 100, 50, 3, 4, 2)));

    Map<String, AttributeValue> item =
        client
            .getItem(
                r ->
                    r.tableName(DynamoDbLedger.DEFAULT_TABLE)
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("usage#" + cc),
                                "sk",
                                    AttributeValue.fromS(
                                        "2026-11-02#chat#prod#claude-3-5-haiku#writer-1")))
                        .consistentRead(true))
            .item();
    assertThat(item)
        .containsEntry("day", AttributeValue.fromS("2026-11-02"))
        .containsEntry("costCenter", AttributeValue.fromS(cc))
        .containsEntry("model", AttributeValue.fromS("claude-3-5-haiku"))
        .containsEntry("seq", AttributeValue.fromN("4"))
        .containsEntry("costMicros", AttributeValue.fromN("412340"))
        .containsEntry("inputTokens", AttributeValue.fromN("100"))
        .containsEntry("outputTokens", AttributeValue.fromN("50"))
        .containsEntry("cacheReadTokens", AttributeValue.fromN("3"))
        .containsEntry("cacheWriteTokens", AttributeValue.fromN("4"))
        .containsEntry("requests", AttributeValue.fromN("2"))
        // 2026-11-03 + 400 days, epoch seconds
        .containsEntry("expiresAt", AttributeValue.fromN("1828224000"));
  }
}
