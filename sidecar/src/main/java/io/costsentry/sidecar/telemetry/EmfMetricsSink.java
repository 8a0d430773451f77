package io.costsentry.sidecar.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One CloudWatch Embedded Metric Format line per request on stdout, in namespace {@code
 * GenAIRateLimiting}: the CloudWatch agent or Fluent Bit turns it into metrics without API calls.
 */
public final class EmfMetricsSink implements MetricsSink {
  public static final String NAMESPACE = "GenAIRateLimiting";
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

  /** The {@code CloudWatchMetrics} directive: the same on every line, so rendered once. */
  private static final String DIRECTIVES = directives();

  private final JsonLines out;

  public EmfMetricsSink(PrintStream out) {
    this.out = new JsonLines(out);
  }

  @Override
  public void record(RequestOutcome o) {
    out.write(g -> fields(g, o));
  }

  private static void fields(JsonGenerator g, RequestOutcome o) throws IOException {
    g.writeObjectFieldStart("_aws");
    g.writeNumberField("Timestamp", o.timestamp().toEpochMilli());
    g.writeFieldName("CloudWatchMetrics");
    g.writeRawValue(DIRECTIVES);
    g.writeEndObject();
    g.writeStringField("Model", nonNull(o.model()));
    g.writeStringField("ModelId", nonNull(o.modelMetric()));
    g.writeStringField("CostCenter", nonNull(o.costCenter()));
    g.writeStringField("Application", nonNull(o.applicationId()));
    g.writeStringField("Environment", nonNull(o.environment()));
    MetricValues v = MetricValues.of(o);
    g.writeNumberField("TotalRequests", 1);
    g.writeNumberField("RateLimitApproved", v.approved());
    g.writeNumberField("RateLimitDenied", v.denied());
    g.writeNumberField("InvocationFailed", v.failed());
    g.writeNumberField("InputTokens", v.inputTokens());
    g.writeNumberField("OutputTokens", v.outputTokens());
    g.writeNumberField("EstimatedCostUSD", JsonLines.usd(o.costMicros()));
    g.writeStringField("requestId", o.requestId());
  }

  private static String directives() {
    StringWriter json = new StringWriter();
    try (JsonGenerator g = JsonLines.FACTORY.createGenerator(json)) {
      g.writeStartArray();
      g.writeStartObject();
      g.writeStringField("Namespace", NAMESPACE);
      g.writeArrayFieldStart("Dimensions");
      for (String[] set : DIMENSION_SETS) {
        g.writeStartArray();
        for (String name : set) {
          g.writeString(name);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("Metrics");
      for (String[] metric : METRICS) {
        g.writeStartObject();
        g.writeStringField("Name", metric[0]);
        g.writeStringField("Unit", metric[1]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json.toString();
  }

  private static String nonNull(String s) {
    return s == null ? "unknown" : s;
  }
}
