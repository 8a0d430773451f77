package io.costsentry.sidecar.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * One JSON line per request with every tag, the decision, the limits checked, tokens, cost and
 * latency. Prompts appear only when prompt logging is on.
 */
public final class AuditLog implements MetricsSink {
  private final JsonLines out;

  public AuditLog(PrintStream out) {
    this.out = new JsonLines(out);
  }

  @Override
  public void record(RequestOutcome o) {
    out.write(g -> fields(g, o));
  }

  private static void fields(JsonGenerator g, RequestOutcome o) throws IOException {
    g.writeStringField("type", "costsentry.audit");
    g.writeStringField("requestId", o.requestId());
    g.writeStringField("timestamp", o.timestamp().toString());
    g.writeStringField("api", o.api());
    g.writeStringField("model", o.model());
    g.writeStringField("modelId", o.modelId());
    g.writeStringField("modelMetric", o.modelMetric());
    g.writeStringField("costCenter", o.costCenter());
    g.writeStringField("applicationId", o.applicationId());
    g.writeStringField("environment", o.environment());
    g.writeObjectFieldStart("tags");
    for (Map.Entry<String, String> tag : o.tags().entrySet()) {
      g.writeStringField(tag.getKey(), tag.getValue());
    }
    g.writeEndObject();
    g.writeStringField("decision", o.decision().name());
    g.writeArrayFieldStart("limitsChecked");
    for (String limit : o.limitsChecked()) {
      g.writeString(limit);
    }
    g.writeEndArray();
    if (o.deniedBy() != null) {
      g.writeStringField("deniedBy", o.deniedBy());
    }
    g.writeNumberField("status", o.status());
    if (o.errorType() != null) {
      g.writeStringField("errorType", o.errorType());
    }
    if (o.usage() != null) {
      g.writeNumberField("inputTokens", o.usage().input());
      g.writeNumberField("outputTokens", o.usage().output());
      g.writeNumberField("cacheReadInputTokens", o.usage().cacheRead());
      g.writeNumberField("cacheWriteInputTokens", o.usage().cacheWrite());
    }
    g.writeStringField("usageSource", o.usageSource());
    g.writeNumberField("costUSD", JsonLines.usd(o.costMicros()));
    g.writeNumberField("latencyMs", o.latencyMillis());
    if (o.clientDisconnected()) {
      g.writeBooleanField("clientDisconnected", true);
    }
    if (o.prompt() != null) {
      g.writeStringField("prompt", o.prompt());
    }
  }
}
