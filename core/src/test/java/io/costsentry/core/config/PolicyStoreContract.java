package io.costsentry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.core.config.PolicySnapshot.Route;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link PolicyStore} must have. Each implementation's test extends this class
 * and gives every test method a store of its own, empty at the start.
 */
public abstract class PolicyStoreContract {
  protected static final String HAIKU = "claude-3-5-haiku";
  protected static final String SONNET = "claude-3-7-sonnet";
  protected static final String PROFILE_ARN =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcdef123456";
  protected static final String OTHER_PROFILE_ARN =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/ffffff654321";

  /** The store under test: the same instance for the whole test method, empty at its start. */
  protected abstract PolicyStore store();

  protected static String aliasJson(String name, String modelId) {
    return """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"ModelAlias","metadata":{"name":"%s"},\
        "spec":{"modelId":"%s"}}"""
        .formatted(name, modelId);
  }

  protected static String budgetJson(String name, long maxTotalTokens) {
    return """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"CostCenterBudget","metadata":{"name":"%s"},\
        "spec":{"costCenter":"%s","limits":[{"name":"tpm","period":"Minute","maxTotalTokens":%d}]}}"""
        .formatted(name, name, maxTotalTokens);
  }

  @Test
  void readOfAnEmptyStoreIsEmpty() {
    assertThat(store().read()).isEqualTo(PolicySnapshot.EMPTY);
  }

  @Test
  void aliasesArePutReadOverwrittenAndDeleted() {
    String v1 = aliasJson(HAIKU, "anthropic.claude-3-5-haiku-20241022-v1:0");
    String v2 = aliasJson(HAIKU, "us.anthropic.claude-3-5-haiku-20241022-v1:0");
    String sonnet = aliasJson(SONNET, "anthropic.claude-3-7-sonnet-20250219-v1:0");

    store().putAlias(HAIKU, v1);
    store().putAlias(SONNET, sonnet);
    assertThat(store().read().aliases()).isEqualTo(Map.of(HAIKU, v1, SONNET, sonnet));

    store().putAlias(HAIKU, v2);
    store().putAlias(HAIKU, v2);
    assertThat(store().read().aliases()).isEqualTo(Map.of(HAIKU, v2, SONNET, sonnet));

    store().deleteAlias(HAIKU);
    PolicySnapshot after = store().read();
    assertThat(after.aliases()).isEqualTo(Map.of(SONNET, sonnet));
    assertThat(after.budgets()).isEmpty();
    assertThat(after.routes()).isEmpty();
  }

  @Test
  void budgetsArePutReadOverwrittenAndDeleted() {
    store().putBudget("support", budgetJson("support", 1_000));
    store().putBudget("finance.emea", budgetJson("finance.emea", 2_000));
    assertThat(store().read().budgets())
        .isEqualTo(
            Map.of(
                "support", budgetJson("support", 1_000),
                "finance.emea", budgetJson("finance.emea", 2_000)));

    store().putBudget("support", budgetJson("support", 50));
    assertThat(store().read().budgets()).containsEntry("support", budgetJson("support", 50));

    store().deleteBudget("support");
    PolicySnapshot after = store().read();
    assertThat(after.budgets()).containsOnlyKeys("finance.emea");
    assertThat(after.aliases()).isEmpty();
    assertThat(after.routes()).isEmpty();
  }

  @Test
  void routesArePutReadOverwrittenAndDeleted() {
    store().putRoute("support", HAIKU, PROFILE_ARN);
    store().putRoute("support", SONNET, OTHER_PROFILE_ARN);
    // cost centers are AWS tag values: spaces, capitals and _.:/=+-@ are fine
    store().putRoute("Data Science: EMEA/ML+1@x_y=z", HAIKU, OTHER_PROFILE_ARN);
    assertThat(store().read().routes())
        .isEqualTo(
            Map.of(
                new Route("support", HAIKU), PROFILE_ARN,
                new Route("support", SONNET), OTHER_PROFILE_ARN,
                new Route("Data Science: EMEA/ML+1@x_y=z", HAIKU), OTHER_PROFILE_ARN));

    store().putRoute("support", HAIKU, OTHER_PROFILE_ARN);
    assertThat(store().read().routes())
        .containsEntry(new Route("support", HAIKU), OTHER_PROFILE_ARN);

    store().deleteRoute("support", HAIKU);
    store().deleteRoute("Data Science: EMEA/ML+1@x_y=z", HAIKU);
    PolicySnapshot after = store().read();
    assertThat(after.routes()).isEqualTo(Map.of(new Route("support", SONNET), OTHER_PROFILE_ARN));
    assertThat(after.aliases()).isEmpty();
    assertThat(after.budgets()).isEmpty();
  }

  @Test
  void recordsOfDifferentKindsWithTheSameNameAreDistinct() {
    store().putAlias("support", aliasJson("support", "anthropic.claude-3-5-haiku-20241022-v1:0"));
    store().putBudget("support", budgetJson("support", 10));
    store().putRoute("support", "support", PROFILE_ARN);

    store().deleteBudget("support");

    PolicySnapshot snapshot = store().read();
    assertThat(snapshot.aliases()).containsOnlyKeys("support");
    assertThat(snapshot.budgets()).isEmpty();
    assertThat(snapshot.routes()).containsOnlyKeys(new Route("support", "support"));
  }

  @Test
  void deletingWhatIsAbsentIsANoOp() {
    store().deleteAlias(HAIKU);
    store().deleteBudget("support");
    store().deleteRoute("support", HAIKU);
    assertThat(store().read()).isEqualTo(PolicySnapshot.EMPTY);

    store().putAlias(HAIKU, aliasJson(HAIKU, "anthropic.claude-3-5-haiku-20241022-v1:0"));
    store().deleteAlias(HAIKU);
    store().deleteAlias(HAIKU);
    store().deleteRoute("finance", HAIKU);
    assertThat(store().read()).isEqualTo(PolicySnapshot.EMPTY);
  }

  /** Large enough to span several pages of a DynamoDB Query (1 MB each). */
  @Test
  void manyLargeRecordsAreAllRead() {
    String padding = "x".repeat(20_000);
    Map<String, String> aliases = new HashMap<>();
    Map<String, String> budgets = new HashMap<>();
    Map<Route, String> routes = new HashMap<>();
    for (int i = 0; i < 150; i++) {
      String name = "record-" + i;
      String manifest = "{\"metadata\":{\"name\":\"" + name + "\"},\"pad\":\"" + padding + "\"}";
      if (i % 2 == 0) {
        store().putAlias(name, manifest);
        aliases.put(name, manifest);
      } else {
        store().putBudget(name, manifest);
        budgets.put(name, manifest);
      }
      store().putRoute("cost-center-" + i, HAIKU, PROFILE_ARN);
      routes.put(new Route("cost-center-" + i, HAIKU), PROFILE_ARN);
    }

    assertThat(store().read()).isEqualTo(new PolicySnapshot(aliases, budgets, routes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a#b", "#", "Haiku", "under_score", "-dash", "dot.", "sp ace"})
  void invalidAliasAndBudgetNamesAreRejected(String name) {
    String manifest = aliasJson("x", "anthropic.claude-3-5-haiku-20241022-v1:0");
    assertThatThrownBy(() -> store().putAlias(name, manifest))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias name");
    assertThatThrownBy(() -> store().deleteAlias(name))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().putBudget(name, manifest))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("budget name");
    assertThatThrownBy(() -> store().deleteBudget(name))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().putRoute("support", name, PROFILE_ARN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().deleteRoute("support", name))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store().read()).isEqualTo(PolicySnapshot.EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a#b", "support#", "tab\there", "new\nline", "semi;colon"})
  void invalidCostCentersAreRejected(String costCenter) {
    assertThatThrownBy(() -> store().putRoute(costCenter, HAIKU, PROFILE_ARN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cost center");
    assertThatThrownBy(() -> store().deleteRoute(costCenter, HAIKU))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store().read()).isEqualTo(PolicySnapshot.EMPTY);
  }

  @Test
  void overlongNamesAreRejected() {
    String label = "a".repeat(63);
    String name254 = String.join(".", label, label, label, "b".repeat(62));
    assertThat(name254).hasSize(254);
    assertThatThrownBy(() -> store().putAlias(name254, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().putRoute("c".repeat(129), HAIKU, PROFILE_ARN))
        .isInstanceOf(IllegalArgumentException.class);

    String name253 = name254.substring(1);
    store().putAlias(name253, "{}");
    store().putRoute("c".repeat(128), name253, PROFILE_ARN);
    assertThat(store().read().aliases()).containsOnlyKeys(name253);
    assertThat(store().read().routes()).containsOnlyKeys(new Route("c".repeat(128), name253));
  }

  @Test
  void blankOrMissingValuesAreRejected() {
    assertThatThrownBy(() -> store().putAlias(HAIKU, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().putBudget("support", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().putRoute("support", HAIKU, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().putAlias(HAIKU, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().putRoute("support", HAIKU, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().deleteAlias(null)).isInstanceOf(NullPointerException.class);

    assertThat(store().read()).isEqualTo(PolicySnapshot.EMPTY);
  }

  @Test
  void manifestsAreStoredVerbatimEvenWhenTheyAreNotValidJson() {
    // Validation is the reader's job: the sidecar keeps its last good configuration.
    String broken = "{\"apiVersion\":\"costsentry.io/v1alpha1\",\"kind\":";
    String unicode = "{\"metadata\":{\"name\":\"é\"},\"note\":\"👍 \\u00e9\"}";
    store().putBudget("support", broken);
    store().putAlias(HAIKU, unicode);

    assertThat(store().read().budgets()).containsEntry("support", broken);
    assertThat(store().read().aliases()).containsEntry(HAIKU, unicode);
  }
}
