package io.costsentry.sidecar.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrometheusMetricsSinkTest {

  @Test
  void countsRequestsTokensCostAndDurationPerLabelSet() throws IOException {
    PrometheusMetricsSink sink = new PrometheusMetricsSink(() -> 7);
    sink.record(JsonLinesTest.APPROVED);
    sink.record(JsonLinesTest.APPROVED);
    sink.record(JsonLinesTest.DENIED);

    String scrape = scrape(sink);
    String labels =
        "application=\"chat\",cost_center=\"support\",environment=\"prod\",model=\"haiku\","
            + "model_id=\"us.anthropic.claude-3-5-haiku-20241022-v1:0\"";
    assertThat(scrape)
        .contains(
            "costsentry_requests_total{application=\"chat\",cost_center=\"support\","
                + "decision=\"approved\",environment=\"prod\",model=\"haiku\","
                + "model_id=\"us.anthropic.claude-3-5-haiku-20241022-v1:0\",outcome=\"ok\"} 2.0")
        .contains(
            "costsentry_requests_total{application=\"\",cost_center=\"support\","
                + "decision=\"denied\",environment=\"\",model=\"haiku\",model_id=\"\","
                + "outcome=\"upstream_error\"} 1.0")
        .contains("costsentry_tokens_total{" + labels + ",token_type=\"input\"} 24.0")
        .contains("costsentry_tokens_total{" + labels + ",token_type=\"cache_write\"} 10.0")
        .contains("costsentry_estimated_cost_usd_total{" + labels + "} 2.469134")
        .contains(
            "gen_ai_client_token_usage_sum{gen_ai_operation_name=\"Converse\","
                + "gen_ai_request_model=\"haiku\",gen_ai_token_type=\"input\"} 42.0")
        .contains(
            "gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name=\"Converse\","
                + "gen_ai_request_model=\"haiku\"} 2")
        .contains("costsentry_ledger_pending_writes 7.0");
    // A label set that never counted tokens or an approved call has no such series.
    assertThat(scrape).doesNotContain("gen_ai_operation_name=\"ConverseStream\"");
    assertThat(scrape).doesNotContain("model_id=\"\",token_type=");
  }

  private static String scrape(PrometheusMetricsSink sink) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sink.scrape(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
