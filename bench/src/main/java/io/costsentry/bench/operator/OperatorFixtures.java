package io.costsentry.bench.operator;

import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetStatus;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.crds.v1alpha1.ModelAliasStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Locale;

/**
 * The resources of the operator bench: ModelAliases over models the simulator and the built-in
 * price table both know, and CostCenterBudgets with two or three limits and profiles for every
 * alias.
 */
final class OperatorFixtures {
  /** Model ids the control-plane simulator knows and the built-in price table prices. */
  static final List<String> MODELS =
      List.of(
          "us.anthropic.claude-3-5-haiku-20241022-v1:0",
          "us.amazon.nova-lite-v1:0",
          "us.amazon.nova-micro-v1:0",
          "us.amazon.nova-pro-v1:0",
          "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
          "us.anthropic.claude-sonnet-4-20250514-v1:0",
          "us.anthropic.claude-haiku-4-5-20251001-v1:0",
          "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
          "us.meta.llama3-3-70b-instruct-v1:0",
          "anthropic.claude-3-haiku-20240307-v1:0");

  static final String DAILY_COST = "daily-cost";

  private OperatorFixtures() {}

  static String aliasName(int i) {
    return String.format(Locale.ROOT, "alias-%02d", i);
  }

  static String budgetName(int i) {
    return String.format(Locale.ROOT, "cc-%04d", i);
  }

  /** Alias {@code i} names model {@code i} of {@link #MODELS}, round robin past ten. */
  static ModelAlias alias(int i) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"ModelAlias","metadata":{"name":"%s"},
         "spec":{"modelId":"%s","defaults":{"maxTokens":1024}}}"""
            .formatted(aliasName(i), MODELS.get(i % MODELS.size())),
        ModelAlias.class);
  }

  /**
   * Budget {@code i}: a Day cost limit and a Month token limit; every third budget also an Hour
   * input-token limit scoped to the first alias. Profiles for every alias (the default), with the
   * application and environment tags set.
   */
  static CostCenterBudget budget(int i) {
    String third =
        i % 3 == 0
            ? """
              ,{"name":"hourly-input","period":"Hour","maxInputTokens":2000000,
                "scope":{"model":"%s"}}"""
                .formatted(aliasName(0))
            : "";
    return Serialization.unmarshal(
        """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"CostCenterBudget","metadata":{"name":"%s"},
         "spec":{"enforcement":"Enforce","failurePolicy":"FailClosed",
          "limits":[{"name":"%s","period":"Day","maxCostUSD":100},
                    {"name":"monthly-tokens","period":"Month","maxTotalTokens":500000000}%s],
          "inferenceProfiles":{"enabled":true,"applicationId":"app-%04d","environment":"prod"}}}"""
            .formatted(budgetName(i), DAILY_COST, third, i),
        CostCenterBudget.class);
  }

  static int limitCount(int i) {
    return i % 3 == 0 ? 3 : 2;
  }

  /** Ready=True for the current generation. */
  static boolean aliasReady(ModelAlias a) {
    ModelAliasStatus s = a.getStatus();
    return s != null
        && current(s.getObservedGeneration(), a.getMetadata().getGeneration())
        && isTrue(s.getConditions(), ModelAliasStatus.CONDITION_READY);
  }

  static boolean budgetReady(CostCenterBudget b) {
    CostCenterBudgetStatus s = b.getStatus();
    return s != null
        && current(s.getObservedGeneration(), b.getMetadata().getGeneration())
        && isTrue(s.getConditions(), CostCenterBudgetStatus.CONDITION_READY);
  }

  /** Ready, ProfilesReady and one routed profile per alias. */
  static boolean budgetProfilesReady(CostCenterBudget b, int aliases) {
    CostCenterBudgetStatus s = b.getStatus();
    return budgetReady(b)
        && isTrue(s.getConditions(), CostCenterBudgetStatus.CONDITION_PROFILES_READY)
        && s.getInferenceProfiles() != null
        && s.getInferenceProfiles().size() == aliases;
  }

  private static boolean current(Long observed, Long generation) {
    return observed != null && (generation == null || observed.equals(generation));
  }

  private static boolean isTrue(List<Condition> conditions, String type) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> type.equals(c.getType()) && Condition.TRUE.equals(c.getStatus()));
  }
}
