package io.costsentry.operator.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CostSentry dashboard, like the seed's: requests by outcome, tokens by model, spend by cost
 * center, and the models at their limit (denials by model), from the {@code GenAIRateLimiting}
 * metrics the sidecars emit. SEARCH expressions over the {@code Model} and {@code CostCenter}
 * dimension sets the sidecar's EMF lines declare pick up every model and cost center without the
 * dashboard listing them, so it needs no update when budgets or aliases change.
 */
public final class DashboardBody {
  public static final String NAMESPACE = "GenAIRateLimiting";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardBody() {}

  /**
   * @param region where the metrics are
   */
  public static String render(String region) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode widgets = body.putArray("widgets");
    widgets
        .addObject()
        .put("type", "text")
        .put("x", 0)
        .put("y", 0)
        .put("width", 24)
        .put("height", 2)
        .putObject("properties")
        .put(
            "markdown",
            "# CostSentry\nBedrock requests, tokens and estimated spend as the CostSentry sidecars"
                + " measured them (namespace `"
                + NAMESPACE
                + "`). Billed cost is in each CostCenterBudget's status.");
    metric(
        widgets,
        "Requests by outcome",
        0,
        2,
        region,
        "Sum",
        sum("TotalRequests", "Model", "total"),
        sum("RateLimitApproved", "Model", "approved"),
        sum("RateLimitDenied", "Model", "denied"),
        sum("InvocationFailed", "Model", "failed"));
    metric(
        widgets,
        "Tokens by model",
        12,
        2,
        region,
        "Sum",
        search("InputTokens", "Model", "in"),
        search("OutputTokens", "Model", "out"));
    metric(
        widgets,
        "Estimated spend (USD) by cost center",
        0,
        8,
        region,
        "Sum",
        search("EstimatedCostUSD", "CostCenter", "spend"));
    metric(
        widgets,
        "Models at their limit (denied requests by model)",
        12,
        8,
        region,
        "Sum",
        search("RateLimitDenied", "Model", "denied"));
    return body.toString();
  }

  private record Expression(String id, String expression, String label) {}

  private static Expression search(String metric, String dimension, String id) {
    return new Expression(
        id,
        "SEARCH('{" + NAMESPACE + "," + dimension + "} MetricName=\"" + metric + "\"', 'Sum', 300)",
        null);
  }

  private static Expression sum(String metric, String dimension, String id) {
    Expression inner = search(metric, dimension, id);
    return new Expression(id, "SUM(" + inner.expression() + ")", metric);
  }

  private static void metric(
      ArrayNode widgets,
      String title,
      int x,
      int y,
      String region,
      String stat,
      Expression... expressions) {
    ObjectNode properties =
        widgets
            .addObject()
            .put("type", "metric")
            .put("x", x)
            .put("y", y)
            .put("width", 12)
            .put("height", 6)
            .putObject("properties");
    properties
        .put("title", title)
        .put("region", region)
        .put("view", "timeSeries")
        .put("stacked", false)
        .put("stat", stat)
        .put("period", 300);
    ArrayNode metrics = properties.putArray("metrics");
    for (Expression e : expressions) {
      ObjectNode options =
          JSON.createObjectNode().put("expression", e.expression()).put("id", e.id());
      if (e.label() != null) {
        options.put("label", e.label());
      }
      metrics.addArray().add(options);
    }
  }
}
