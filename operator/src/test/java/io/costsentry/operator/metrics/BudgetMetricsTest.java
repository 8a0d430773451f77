package io.costsentry.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gauges Prometheus alerts on, read from budget status. */
class BudgetMetricsTest {
  @Test
  void everyLimitOfEveryBudgetWithStatusIsAGaugeOfPercentUsed() {
    CostCenterBudget support =
        budget(
            "support",
            """
            {"costCenter":"support","limits":[
              {"name":"daily-cost","period":"Day","used":"12.5","limit":"40","percent":31},
              {"name":"tokens-per-minute","period":"Minute","used":"150000","limit":"150000","percent":100}],
             "conditions":[{"type":"BudgetExceeded","status":"True","reason":"LimitReached"}]}""");
    CostCenterBudget fresh = budget("sales", null);

    String text = new BudgetMetrics(() -> List.of(support, fresh)).render();

    assertThat(text)
        .contains("# TYPE costsentry_budget_used_percent gauge\n")
        .contains(
            "costsentry_budget_used_percent{cost_center=\"support\",limit=\"daily-cost\","
                + "period=\"day\"} 31.25\n")
        .contains(
            "costsentry_budget_used_percent{cost_center=\"support\",limit=\"tokens-per-minute\","
                + "period=\"minute\"} 100\n")
        .contains("costsentry_budget_exceeded{cost_center=\"support\"} 1\n")
        .doesNotContain("cost_center=\"sales\"");
  }

  private static CostCenterBudget budget(String name, String status) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"CostCenterBudget",
         "metadata":{"name":"%s"},"spec":{"limits":[]},"status":%s}"""
            .formatted(name, status == null ? "null" : status),
        CostCenterBudget.class);
  }
}
