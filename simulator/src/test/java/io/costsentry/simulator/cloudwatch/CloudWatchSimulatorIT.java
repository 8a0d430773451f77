package io.costsentry.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.simulator.testing.SdkClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/** The real CloudWatch Java client (RPC v2 CBOR) against the simulator. */
class CloudWatchSimulatorIT {
  private static CloudWatchSimulator simulator;
  private static CloudWatchClient client;

  @BeforeAll
  static void start() {
    simulator = CloudWatchSimulator.start();
    client = SdkClients.against(CloudWatchClient.builder(), simulator.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  @Test
  void recordsDimensionsValuesAndStatisticSetsExactly() {
    Instant at = Instant.parse("2025-01-01T00:00:00.125Z");
    client.putMetricData(
        r ->
            r.namespace("GenAIRateLimiting")
                .metricData(
                    MetricDatum.builder()
                        .metricName("InputTokens")
                        .dimensions(
                            Dimension.builder().name("Model").value("claude").build(),
                            Dimension.builder().name("CostCenter").value("support").build())
                        .statisticValues(
                            StatisticSet.builder()
                                .sampleCount(3.0)
                                .sum(1234.5)
                                .minimum(12.0)
                                .maximum(1000.25)
                                .build())
                        .unit(StandardUnit.COUNT)
                        .timestamp(at)
                        .build(),
                    MetricDatum.builder()
                        .metricName("EstimatedCostUSD")
                        .value(0.000123)
                        .unit(StandardUnit.NONE)
                        .storageResolution(1)
                        .timestamp(at)
                        .build(),
                    MetricDatum.builder()
                        .metricName("Latency")
                        .values(10.0, 20.0)
                        .counts(3.0, 1.0)
                        .unit(StandardUnit.MILLISECONDS)
                        .timestamp(at)
                        .build()));

    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("Model", "claude");
    dimensions.put("CostCenter", "support");
    assertThat(simulator.data())
        .containsExactly(
            new RecordedDatum(
                "GenAIRateLimiting",
                "InputTokens",
                "Count",
                null,
                List.of(),
                List.of(),
                new RecordedDatum.Statistics(3, 1234.5, 12, 1000.25),
                dimensions,
                at,
                null),
            new RecordedDatum(
                "GenAIRateLimiting",
                "EstimatedCostUSD",
                "None",
                0.000123,
                List.of(),
                List.of(),
                null,
                Map.of(),
                at,
                1),
            new RecordedDatum(
                "GenAIRateLimiting",
                "Latency",
                "Milliseconds",
                null,
                List.of(10.0, 20.0),
                List.of(3.0, 1.0),
                null,
                Map.of(),
                at,
                null));
    assertThat(simulator.data().getFirst().dimensions().keySet())
        .containsExactly("Model", "CostCenter");
    assertThat(simulator.putMetricDataCalls()).isEqualTo(1);
  }

  @Test
  void acceptsAThousandDatumsGzippedAndRefusesOneMore() {
    // 1000 datums with dimensions are well over the SDK's 10 KiB compression threshold.
    client.putMetricData(r -> r.namespace("Bulk").metricData(datums(1000)));
    assertThat(simulator.data()).hasSize(1000);
    assertThat(simulator.data().get(999).dimensions()).containsEntry("Index", "999");

    assertThatThrownBy(
            () -> client.putMetricData(r -> r.namespace("Bulk").metricData(datums(1001))))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            });
    assertThat(simulator.data()).hasSize(1000);
  }

  @Test
  void refusesMoreThanThirtyDimensionsAndEmptyNames() {
    List<Dimension> dimensions = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      dimensions.add(Dimension.builder().name("D" + i).value("v").build());
    }
    assertThatThrownBy(
            () ->
                client.putMetricData(
                    r ->
                        r.namespace("N")
                            .metricData(
                                MetricDatum.builder()
                                    .metricName("M")
                                    .value(1.0)
                                    .dimensions(dimensions)
                                    .build())))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(
            () ->
                client.putMetricData(
                    r -> r.namespace("N").metricData(MetricDatum.builder().metricName("").build())))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(
            () ->
                client.putMetricData(
                    r -> r.metricData(MetricDatum.builder().metricName("M").value(1.0).build())))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter"));
    assertThat(simulator.data()).isEmpty();
  }

  @Test
  void injectedErrorsSurfaceAsSdkExceptions() {
    simulator.failNext(1, 500, "InternalFailure");
    simulator.failNext(1, 400, "Throttling");

    assertThatThrownBy(this::putOne)
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
              assertThat(e.requestId()).isNotBlank();
            });
    assertThatThrownBy(this::putOne)
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
              assertThat(e.isThrottlingException()).isTrue();
            });
    assertThat(simulator.data()).isEmpty();

    putOne();
    assertThat(simulator.data()).hasSize(1);
    assertThat(simulator.putMetricDataCalls()).isEqualTo(3);
  }

  @Test
  void servesAwsJson10AsBoto3SendsIt() throws Exception {
    HttpResponse<String> response;
    try (HttpClient http = HttpClient.newHttpClient()) {
      response =
          http.send(
              HttpRequest.newBuilder(simulator.endpoint().resolve(URI.create("/")))
                  .header("Content-Type", "application/x-amz-json-1.0")
                  .header("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          """
                          {"Namespace":"LLM/Usage","MetricData":[{"MetricName":"InputTokens",
                           "Dimensions":[{"Name":"costCenter","Value":"support"}],
                           "Timestamp":1735689600,"Value":12,"Unit":"Count"}]}"""))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
    assertThat(simulator.data())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.value()).isEqualTo(12.0);
              assertThat(d.dimensions()).isEqualTo(Map.of("costCenter", "support"));
              assertThat(d.timestamp()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            });
  }

  private void putOne() {
    client.putMetricData(
        r -> r.namespace("N").metricData(MetricDatum.builder().metricName("M").value(1.0).build()));
  }

  private static List<MetricDatum> datums(int count) {
    List<MetricDatum> datums = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      datums.add(
          MetricDatum.builder()
              .metricName("Metric")
              .dimensions(Dimension.builder().name("Index").value(Integer.toString(i)).build())
              .value((double) i)
              .unit(StandardUnit.COUNT)
              .build());
    }
    return datums;
  }
}
