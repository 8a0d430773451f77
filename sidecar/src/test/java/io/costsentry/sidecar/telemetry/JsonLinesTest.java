package io.costsentry.sidecar.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.pricing.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Audit and EMF lines, byte for byte: the expected lines are what the earlier tree-built
 * implementation printed for the same outcomes, so log parsers see no change.
 */
class JsonLinesTest {
  private static final String AUDIT_APPROVED =
      "{\"type\":\"costsentry.audit\",\"requestId\":\"req-1\",\"timestamp\":\"2026-"
          + "11-27T04:05:06.789123Z\",\"api\":\"Converse\",\"model\":\"haiku\",\"modelId\""
          + ":\"us.anthropic.claude-3-5-haiku-20241022-v1:0\",\"modelMetric\":\"us.anthro"
          + "pic.claude-3-5-haiku-20241022-v1:0\",\"costCenter\":\"support\",\"applicatio"
          + "nId\":\"chat\",\"environment\":\"prod\",\"tags\":{\"team\":\"blue\"},\"decis"
          + "ion\":\"APPROVED\",\"limitsChecked\":[\"budget/support/daily\",\"alias/haiku"
          + "/rpm\"],\"status\":200,\"inputTokens\":12,\"outputTokens\":3,\"cacheReadInpu"
          + "tTokens\":4,\"cacheWriteInputTokens\":5,\"usageSource\":\"response\",\"costU"
          + "SD\":1.234567,\"latencyMs\":42,\"prompt\":\"héllo \\\"quoted\\\"\\n\u2028\"}";

  private static final String EMF_APPROVED =
      "{\"_aws\":{\"Timestamp\":1795752306789,\"CloudWatchMetrics\":[{\"Namespace\""
          + ":\"GenAIRateLimiting\",\"Dimensions\":[[\"Model\",\"ModelId\",\"CostCenter\""
          + ",\"Application\",\"Environment\"],[\"CostCenter\"],[\"Model\"]],\"Metrics\":"
          + "[{\"Name\":\"TotalRequests\",\"Unit\":\"Count\"},{\"Name\":\"RateLimitApprov"
          + "ed\",\"Unit\":\"Count\"},{\"Name\":\"RateLimitDenied\",\"Unit\":\"Count\"},{"
          + "\"Name\":\"InvocationFailed\",\"Unit\":\"Count\"},{\"Name\":\"InputTokens\","
          + "\"Unit\":\"Count\"},{\"Name\":\"OutputTokens\",\"Unit\":\"Count\"},{\"Name\""
          + ":\"EstimatedCostUSD\",\"Unit\":\"None\"}]}]},\"Model\":\"haiku\",\"ModelId\""
          + ":\"us.anthropic.claude-3-5-haiku-20241022-v1:0\",\"CostCenter\":\"support\","
          + "\"Application\":\"chat\",\"Environment\":\"prod\",\"TotalRequests\":1,\"Rate"
          + "LimitApproved\":1,\"RateLimitDenied\":0,\"InvocationFailed\":0,\"InputTokens"
          + "\":21,\"OutputTokens\":3,\"EstimatedCostUSD\":1.234567,\"requestId\":\"req-1"
          + "\"}";

  private static final String AUDIT_DENIED =
      "{\"type\":\"costsentry.audit\",\"requestId\":\"req-2\",\"timestamp\":\"2026-"
          + "11-27T04:05:06Z\",\"api\":\"ConverseStream\",\"model\":\"haiku\",\"modelId\""
          + ":null,\"modelMetric\":null,\"costCenter\":\"support\",\"applicationId\":null"
          + ",\"environment\":null,\"tags\":{},\"decision\":\"DENIED\",\"limitsChecked\":"
          + "[],\"deniedBy\":\"support/daily\",\"status\":400,\"errorType\":\"ServiceQuot"
          + "aExceededException\",\"usageSource\":\"none\",\"costUSD\":0.000000,\"latency"
          + "Ms\":3,\"clientDisconnected\":true}";

  private static final String EMF_DENIED =
      "{\"_aws\":{\"Timestamp\":1795752306000,\"CloudWatchMetrics\":[{\"Namespace\""
          + ":\"GenAIRateLimiting\",\"Dimensions\":[[\"Model\",\"ModelId\",\"CostCenter\""
          + ",\"Application\",\"Environment\"],[\"CostCenter\"],[\"Model\"]],\"Metrics\":"
          + "[{\"Name\":\"TotalRequests\",\"Unit\":\"Count\"},{\"Name\":\"RateLimitApprov"
          + "ed\",\"Unit\":\"Count\"},{\"Name\":\"RateLimitDenied\",\"Unit\":\"Count\"},{"
          + "\"Name\":\"InvocationFailed\",\"Unit\":\"Count\"},{\"Name\":\"InputTokens\","
          + "\"Unit\":\"Count\"},{\"Name\":\"OutputTokens\",\"Unit\":\"Count\"},{\"Name\""
          + ":\"EstimatedCostUSD\",\"Unit\":\"None\"}]}]},\"Model\":\"haiku\",\"ModelId\""
          + ":\"unknown\",\"CostCenter\":\"support\",\"Application\":\"unknown\",\"Enviro"
          + "nment\":\"unknown\",\"TotalRequests\":1,\"RateLimitApproved\":0,\"RateLimitD"
          + "enied\":1,\"InvocationFailed\":1,\"InputTokens\":0,\"OutputTokens\":0,\"Esti"
          + "matedCostUSD\":0.000000,\"requestId\":\"req-2\"}";

  static final RequestOutcome APPROVED =
      new RequestOutcome(
          "req-1",
          Instant.parse("2026-11-27T04:05:06.789123Z"),
          "Converse",
          "haiku",
          "us.anthropic.claude-3-5-haiku-20241022-v1:0",
          "us.anthropic.claude-3-5-haiku-20241022-v1:0",
          "support",
          "chat",
          "prod",
          new LinkedHashMap<>(Map.of("team", "blue")),
          Decision.APPROVED,
          List.of("budget/support/daily", "alias/haiku/rpm"),
          null,
          new TokenUsage(12, 3, 4, 5),
          "response",
          1234567,
          200,
          null,
          false,
          false,
          42,
          "h\u00e9llo \"quoted\"\n\u2028");

  static final RequestOutcome DENIED =
      new RequestOutcome(
          "req-2",
          Instant.parse("2026-11-27T04:05:06Z"),
          "ConverseStream",
          "haiku",
          null,
          null,
          "support",
          null,
          null,
          Map.of(),
          Decision.DENIED,
          List.of(),
          "support/daily",
          null,
          "none",
          0,
          400,
          "ServiceQuotaExceededException",
          true,
          true,
          3,
          null);

  @Test
  void auditLinesAreUnchanged() {
    assertThat(lines(AuditLog::new, APPROVED)).isEqualTo(AUDIT_APPROVED + "\n");
    assertThat(lines(AuditLog::new, DENIED)).isEqualTo(AUDIT_DENIED + "\n");
  }

  @Test
  void emfLinesAreUnchanged() {
    assertThat(lines(EmfMetricsSink::new, APPROVED)).isEqualTo(EMF_APPROVED + "\n");
    assertThat(lines(EmfMetricsSink::new, DENIED)).isEqualTo(EMF_DENIED + "\n");
  }

  @Test
  void concurrentLinesNeverInterleave() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    AuditLog audit = new AuditLog(out);
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 200; i++) {
        executor.submit(() -> audit.record(APPROVED));
      }
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n"))
        .hasSize(200)
        .containsOnly(AUDIT_APPROVED);
  }

  private interface SinkFactory {
    MetricsSink create(PrintStream out);
  }

  private static String lines(SinkFactory sink, RequestOutcome outcome) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sink.create(new PrintStream(bytes, true, StandardCharsets.UTF_8)).record(outcome);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
