package io.costsentry.sidecar.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.simulator.cloudwatch.CloudWatchSimulator;
import io.costsentry.simulator.cloudwatch.RecordedDatum;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The sink against the CloudWatch simulator, through the real SDK client (RPC v2 CBOR). */
class CloudWatchMetricsSinkIT {
  private static final Map<String, String> SUPPORT =
      Map.of(
          "Model", "haiku",
          "ModelId", "us.anthropic.claude-3-5-haiku-20241022-v1:0",
          "CostCenter", "support",
          "Application", "chatbot",
          "Environment", "prod");
  private static final Map<String, String> RESEARCH =
      Map.of(
          "Model", "haiku",
          "ModelId", "us.anthropic.claude-3-5-haiku-20241022-v1:0",
          "CostCenter", "research",
          "Application", "unknown",
          "Environment", "prod");

  private CloudWatchSimulator simulator;

  @BeforeEach
  void start() {
    simulator = CloudWatchSimulator.start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void closeSendsOneStatisticSetPerMetricAndDimensionCombination() {
    CloudWatchMetricsSink sink = new CloudWatchMetricsSink(client(), Duration.ofHours(1));
    sink.record(outcome("support", "chatbot", Decision.APPROVED, usage(100, 20), 1_500, false));
    sink.record(outcome("support", "chatbot", Decision.APPROVED, usage(300, 50), 2_500, false));
    sink.record(outcome("support", "chatbot", Decision.DENIED, null, 0, false));
    sink.record(outcome("research", null, Decision.APPROVED, usage(10, 0), 0, true));
    assertThat(simulator.data()).isEmpty();

    sink.close();

    assertThat(simulator.putMetricDataCalls()).isEqualTo(1);
    List<RecordedDatum> data = simulator.data();
    assertThat(data).hasSize(14);
    assertThat(data)
        .allSatisfy(
            d -> {
              assertThat(d.namespace()).isEqualTo("GenAIRateLimiting");
              assertThat(d.value()).isNull();
              assertThat(d.values()).isEmpty();
            });

    assertThat(stats(data, SUPPORT, "TotalRequests", "Count")).isEqualTo(set(3, 3, 1, 1));
    assertThat(stats(data, SUPPORT, "RateLimitApproved", "Count")).isEqualTo(set(3, 2, 0, 1));
    assertThat(stats(data, SUPPORT, "RateLimitDenied", "Count")).isEqualTo(set(3, 1, 0, 1));
    assertThat(stats(data, SUPPORT, "InvocationFailed", "Count")).isEqualTo(set(3, 0, 0, 0));
    assertThat(stats(data, SUPPORT, "InputTokens", "Count")).isEqualTo(set(3, 400, 0, 300));
    assertThat(stats(data, SUPPORT, "OutputTokens", "Count")).isEqualTo(set(3, 70, 0, 50));
    assertThat(stats(data, SUPPORT, "EstimatedCostUSD", "None"))
        .isEqualTo(set(3, 0.004, 0, 0.0025));

    assertThat(stats(data, RESEARCH, "TotalRequests", "Count")).isEqualTo(set(1, 1, 1, 1));
    assertThat(stats(data, RESEARCH, "RateLimitApproved", "Count")).isEqualTo(set(1, 1, 1, 1));
    assertThat(stats(data, RESEARCH, "InvocationFailed", "Count")).isEqualTo(set(1, 1, 1, 1));
    assertThat(stats(data, RESEARCH, "InputTokens", "Count")).isEqualTo(set(1, 10, 10, 10));
  }

  @Test
  void flushesEveryIntervalAndStartsAfreshAfterEachFlush() {
    try (CloudWatchMetricsSink sink = new CloudWatchMetricsSink(client(), Duration.ofMillis(200))) {
      sink.record(outcome("support", "chatbot", Decision.APPROVED, usage(100, 20), 1_000, false));
      sink.record(outcome("support", "chatbot", Decision.APPROVED, usage(100, 20), 1_000, false));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> totalRequestSets(simulator.data()).size() == 1);
      assertThat(totalRequestSets(simulator.data())).containsExactly(set(2, 2, 1, 1));

      sink.record(outcome("support", "chatbot", Decision.DENIED, null, 0, false));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> totalRequestSets(simulator.data()).size() == 2);
      assertThat(totalRequestSets(simulator.data()))
          .containsExactly(set(2, 2, 1, 1), set(1, 1, 1, 1));
    }
    // nothing was pending any more: close sent no empty call
    assertThat(totalRequestSets(simulator.data())).hasSize(2);
  }

  @Test
  void splitsIntoCallsOfAtMostAThousandDatums() {
    CloudWatchMetricsSink sink = new CloudWatchMetricsSink(client(), Duration.ofHours(1));
    for (int i = 0; i < 150; i++) {
      sink.record(outcome("cc-" + i, "app", Decision.APPROVED, usage(1, 1), 1, false));
    }
    sink.close();

    assertThat(simulator.putMetricDataCalls()).isEqualTo(2); // 1050 datums: 1000 + 50
    assertThat(simulator.data()).hasSize(150 * 7);
    assertThat(simulator.data().stream().map(d -> d.dimensions().get("CostCenter")).distinct())
        .hasSize(150);
  }

  @Test
  void retriesAFailedCallOnceThenDropsItWithoutThrowing() {
    CloudWatchMetricsSink first = new CloudWatchMetricsSink(client(), Duration.ofHours(1));
    simulator.failNext(1, 500, "InternalFailure");
    first.record(outcome("support", "chatbot", Decision.APPROVED, usage(1, 1), 1, false));
    first.close();
    assertThat(simulator.putMetricDataCalls()).isEqualTo(2);
    assertThat(simulator.data()).hasSize(7);

    simulator.reset();
    CloudWatchMetricsSink second = new CloudWatchMetricsSink(client(), Duration.ofHours(1));
    simulator.failNext(2, 400, "Throttling");
    second.record(outcome("support", "chatbot", Decision.APPROVED, usage(1, 1), 1, false));
    second.close();
    second.close(); // idempotent
    second.record(outcome("support", "chatbot", Decision.APPROVED, usage(1, 1), 1, false));
    assertThat(simulator.putMetricDataCalls()).isEqualTo(2);
    assertThat(simulator.data()).isEmpty();
  }

  @Test
  void replacesDimensionValuesCloudWatchWouldRefuse() {
    CloudWatchMetricsSink sink = new CloudWatchMetricsSink(client(), Duration.ofHours(1));
    sink.record(outcome("équipe\n", "x".repeat(2000), Decision.APPROVED, null, 0, false));
    sink.close();

    assertThat(simulator.data()).hasSize(7);
    Map<String, String> dimensions = simulator.data().getFirst().dimensions();
    assertThat(dimensions.get("CostCenter")).isEqualTo("?quipe?");
    assertThat(dimensions.get("Application")).hasSize(1024);
  }

  private CloudWatchClient client() {
    return CloudWatchClient.builder()
        .endpointOverride(simulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private static RecordedDatum.Statistics stats(
      List<RecordedDatum> data, Map<String, String> dimensions, String metric, String unit) {
    Predicate<RecordedDatum> match =
        d -> d.metricName().equals(metric) && d.dimensions().equals(dimensions);
    RecordedDatum datum = data.stream().filter(match).findFirst().orElseThrow();
    assertThat(data.stream().filter(match)).hasSize(1);
    assertThat(datum.unit()).isEqualTo(unit);
    assertThat(List.copyOf(datum.dimensions().keySet()))
        .containsExactly("Model", "ModelId", "CostCenter", "Application", "Environment");
    return datum.statistics();
  }

  private static List<RecordedDatum.Statistics> totalRequestSets(List<RecordedDatum> data) {
    return data.stream()
        .filter(d -> d.metricName().equals("TotalRequests"))
        .map(RecordedDatum::statistics)
        .toList();
  }

  private static RecordedDatum.Statistics set(double count, double sum, double min, double max) {
    return new RecordedDatum.Statistics(count, sum, min, max);
  }

  private static TokenUsage usage(long input, long output) {
    return new TokenUsage(input, output, 0, 0);
  }

  private static RequestOutcome outcome(
      String costCenter,
      String application,
      Decision decision,
      TokenUsage usage,
      long costMicros,
      boolean upstreamFailed) {
    return new RequestOutcome(
        "req-" + System.nanoTime(),
        Instant.now(),
        "Converse",
        "haiku",
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        "us.anthropic.claude-3-5-haiku-20241022-v1:0",
        costCenter,
        application,
        "prod",
        Map.of(),
        decision,
        List.of(costCenter + "/daily"),
        decision == Decision.DENIED ? costCenter + "/daily" : null,
        usage,
        usage == null ? "none" : "response",
        costMicros,
        decision == Decision.DENIED ? 429 : upstreamFailed ? 500 : 200,
        upstreamFailed ? "InternalServerException" : null,
        upstreamFailed,
        false,
        12,
        null);
  }
}
