package io.costsentry.sidecar.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.core.pricing.Money;
import java.io.PrintStream;

/**
 * One JSON line per request with every tag, the decision, the limits checked, tokens, cost and
 * latency. Prompts appear only when prompt logging is on.
 */
public final class AuditLog implements MetricsSink {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final PrintStream out;

  public AuditLog(PrintStream out) {
    this.out = out;
  }

  @Override
  public void record(RequestOutcome o) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("type", "costsentry.audit");
    line.put("requestId", o.requestId());
    line.put("timestamp", o.timestamp().toString());
    line.put("api", o.api());
    line.put("model", o.model());
    line.put("modelId", o.modelId());
    line.put("modelMetric", o.modelMetric());
    line.put("costCenter", o.costCenter());
    line.put("applicationId", o.applicationId());
    line.put("environment", o.environment());
    ObjectNode tags = line.putObject("tags");
    o.tags().forEach(tags::put);
    line.put("decision", o.decision().name());
    var limits = line.putArray("limitsChecked");
    o.limitsChecked().forEach(limits::add);
    if (o.deniedBy() != null) {
      line.put("deniedBy", o.deniedBy());
    }
    line.put("status", o.status());
    if (o.errorType() != null) {
      line.put("errorType", o.errorType());
    }
    if (o.usage() != null) {
      line.put("inputTokens", o.usage().input());
      line.put("outputTokens", o.usage().output());
      line.put("cacheReadInputTokens", o.usage().cacheRead());
      line.put("cacheWriteInputTokens", o.usage().cacheWrite());
    }
    line.put("usageSource", o.usageSource());
    line.put("costUSD", Money.microsToUsd(o.costMicros()));
    line.put("latencyMs", o.latencyMillis());
    if (o.clientDisconnected()) {
      line.put("clientDisconnected", true);
    }
    if (o.prompt() != null) {
      line.put("prompt", o.prompt());
    }
    try {
      out.println(MAPPER.writeValueAsString(line));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
