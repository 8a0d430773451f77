package io.costsentry.sidecar.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.core.pricing.Money;
import java.io.PrintStream;

/**
 * One CloudWatch Embedded Metric Format line per request on stdout, in namespace {@code
 * GenAIRateLimiting}: the CloudWatch agent or Fluent Bit turns it into metrics without API calls.
 */
public final class EmfMetricsSink implements MetricsSink {
  public static final String NAMESPACE = "GenAIRateLimiting";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[][] DIMENSION_SETS = {
    {"Model", "ModelId", "CostCenter", "Application", "Environment"}, {"CostCenter"}, {"Model"}
  };
  private static final String[][] METRICS = {
    {"TotalRequests", "Count"},
    {"RateLimitApproved", "Count"},
    {"RateLimitDenied", "Count"},
    {"InvocationFailed", "Count"},
    {"InputTokens", "Count"},
    {"OutputTokens", "Count"},
    {"EstimatedCostUSD", "None"}
  };

  private final PrintStream out;

  public EmfMetricsSink(PrintStream out) {
    this.out = out;
  }

  @Override
  public void record(RequestOutcome o) {
    ObjectNode line = MAPPER.createObjectNode();
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", o.timestamp().toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    ArrayNode dimensions = directive.putArray("Dimensions");
    for (String[] set : DIMENSION_SETS) {
      ArrayNode names = dimensions.addArray();
      for (String name : set) {
        names.add(name);
      }
    }
    ArrayNode metrics = directive.putArray("Metrics");
    for (String[] metric : METRICS) {
      metrics.addObject().put("Name", metric[0]).put("Unit", metric[1]);
    }
    line.put("Model", nonNull(o.model()));
    line.put("ModelId", nonNull(o.modelMetric()));
    line.put("CostCenter", nonNull(o.costCenter()));
    line.put("Application", nonNull(o.applicationId()));
    line.put("Environment", nonNull(o.environment()));
    MetricValues v = MetricValues.of(o);
    line.put("TotalRequests", 1);
    line.put("RateLimitApproved", v.approved());
    line.put("RateLimitDenied", v.denied());
    line.put("InvocationFailed", v.failed());
    line.put("InputTokens", v.inputTokens());
    line.put("OutputTokens", v.outputTokens());
    line.put("EstimatedCostUSD", Money.microsToUsd(o.costMicros()));
    line.put("requestId", o.requestId());
    String json;
    try {
      json = MAPPER.writeValueAsString(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.println(json);
  }

  private static String nonNull(String s) {
    return s == null ? "unknown" : s;
  }
}
