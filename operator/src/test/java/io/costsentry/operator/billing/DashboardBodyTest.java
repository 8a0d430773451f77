package io.costsentry.operator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardBodyTest {
  @Test
  void showsOutcomesTokensSpendAndDenialsFromTheSidecarsMetrics() throws Exception {
    JsonNode body = new ObjectMapper().readTree(DashboardBody.render("eu-west-1"));
    List<String> titles = new ArrayList<>();
    List<String> expressions = new ArrayList<>();
    for (JsonNode widget : body.get("widgets")) {
      if (widget.path("type").asText().equals("metric")) {
        titles.add(widget.path("properties").path("title").asText());
        assertThat(widget.path("properties").path("region").asText()).isEqualTo("eu-west-1");
        widget
            .path("properties")
            .path("metrics")
            .forEach(m -> expressions.add(m.get(0).path("expression").asText()));
      }
    }
    assertThat(titles)
        .containsExactly(
            "Requests by outcome",
            "Tokens by model",
            "Estimated spend (USD) by cost center",
            "Models at their limit (denied requests by model)");
    assertThat(String.join("\n", expressions))
        .contains(
            "{GenAIRateLimiting,Model} MetricName=\"RateLimitApproved\"",
            "{GenAIRateLimiting,Model} MetricName=\"InputTokens\"",
            "{GenAIRateLimiting,CostCenter} MetricName=\"EstimatedCostUSD\"",
            "{GenAIRateLimiting,Model} MetricName=\"RateLimitDenied\"");
  }
}
