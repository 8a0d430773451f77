package io.costsentry.sidecar.it;

import static io.costsentry.sidecar.it.ItSupport.HAIKU_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.RecordedCall;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;

/** Each served operation through the sidecar, with the real SDK clients, against the simulator. */
class BedrockOperationsIT {
  static final String PROFILE_ARN =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/support0haiku";
  static final ObjectMapper JSON = new ObjectMapper();

  static BedrockSimulator simulator;
  static Sidecar sidecar;
  static ItSupport.Output output = new ItSupport.Output();
  static BedrockRuntimeClient sync;
  static BedrockRuntimeAsyncClient async;

  @BeforeAll
  static void start() throws Exception {
    simulator =
        BedrockSimulator.start(
            SimulatorOptions.builder().tokenDelay(Duration.ofMillis(15)).build());
    String policy =
        ItSupport.alias("claude-3-5-haiku", HAIKU_ID, "")
            + ItSupport.alias(
                "support-haiku",
                PROFILE_ARN,
                "pricing:\n  inputPerMillion: 0.8\n  outputPerMillion: 4")
            + ItSupport.budget(
                "support",
                "Enforce",
                "FailClosed",
                "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 10000000");
    sidecar =
        Sidecar.start(
            ItSupport.memoryConfig(ItSupport.writePolicy(policy), simulator.endpoint(), "support"),
            ItSupport.env(output));
    sync = ItSupport.syncClient(sidecar);
    async = ItSupport.asyncClient(sidecar);
  }

  @AfterAll
  static void stop() {
    sync.close();
    async.close();
    sidecar.close();
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  private RecordedCall onlyCall() {
    assertThat(simulator.calls()).hasSize(1);
    return simulator.calls().get(0);
  }

  @Test
  void converseThroughAnAliasReachesTheAliasModelReSignedAndReportsUsage() {
    ConverseResponse response =
        sync.converse(ItSupport.converse("claude-3-5-haiku", "Hello [[sim:output=7]]", 100));
    assertThat(response.output().message().content().get(0).text()).isNotBlank();
    assertThat(response.usage().outputTokens()).isEqualTo(7);
    RecordedCall call = onlyCall();
    assertThat(call.modelId()).isEqualTo(HAIKU_ID);
    // the simulator verifies SigV4: the app's signature for 127.0.0.1 was replaced by the sidecar's
    assertThat(call.header("Authorization").orElseThrow()).contains("Credential=AKIDSIMULATOR/");
    assertThat(call.usage().inputTokens()).isEqualTo(response.usage().inputTokens());
  }

  @Test
  void asyncClientSpeaksH2cAndEncodedArnModelIdsAreSignedCorrectly() throws Exception {
    ConverseResponse response =
        async.converse(ItSupport.converse(PROFILE_ARN, "Hi via h2c [[sim:output=3]]", 50)).get();
    assertThat(response.usage().outputTokens()).isEqualTo(3);
    RecordedCall call = onlyCall();
    assertThat(call.modelId()).isEqualTo(PROFILE_ARN);
    assertThat(call.rawPath()).contains("arn%3Aaws%3Abedrock").contains("%2Fsupport0haiku");
  }

  @Test
  void converseStreamArrivesIncrementallyAndIsSettledFromTheMetadataEvent() throws Exception {
    List<Long> deltaTimes = new CopyOnWriteArrayList<>();
    List<ConverseStreamMetadataEvent> metadata = new CopyOnWriteArrayList<>();
    ConverseStreamRequest request =
        ConverseStreamRequest.builder()
            .modelId("claude-3-5-haiku")
            .messages(ItSupport.converse("x", "Stream please [[sim:output=30]]", 100).messages())
            .inferenceConfig(c -> c.maxTokens(100))
            .build();
    async
        .converseStream(
            request,
            ConverseStreamResponseHandler.builder()
                .subscriber(
                    ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(
                            (ContentBlockDeltaEvent e) -> deltaTimes.add(System.nanoTime()))
                        .onMetadata(metadata::add)
                        .build())
                .build())
        .get();
    assertThat(deltaTimes).hasSizeGreaterThanOrEqualTo(10);
    // 30 tokens at 15 ms each: the first delta arrives long before the last one
    assertThat(Duration.ofNanos(deltaTimes.getLast() - deltaTimes.getFirst()))
        .isGreaterThan(Duration.ofMillis(200));
    assertThat(metadata).hasSize(1);
    assertThat(metadata.get(0).usage().outputTokens()).isEqualTo(30);
    await().until(() -> auditFor("ConverseStream").contains("\"outputTokens\":30"));
  }

  @Test
  void invokeModelIsSettledFromTheTokenCountHeaders() throws Exception {
    InvokeModelResponse response =
        sync.invokeModel(
            r ->
                r.modelId("claude-3-5-haiku")
                    .contentType("application/json")
                    .body(ItSupport.anthropicBody("Invoke me [[sim:output=5]]", 64)));
    JsonNode body = JSON.readTree(response.body().asByteArray());
    assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(5);
    assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count"))
        .contains("5");
    await().until(() -> auditFor("InvokeModel").contains("\"outputTokens\":5"));
  }

  @Test
  void invokeModelWithResponseStreamPassesChunksAndSettlesFromInvocationMetrics() throws Exception {
    List<PayloadPart> chunks = new CopyOnWriteArrayList<>();
    async
        .invokeModelWithResponseStream(
            InvokeModelWithResponseStreamRequest.builder()
                .modelId("claude-3-5-haiku")
                .contentType("application/json")
                .body(ItSupport.anthropicBody("Stream invoke [[sim:output=9]]", 64))
                .build(),
            InvokeModelWithResponseStreamResponseHandler.builder()
                .subscriber(
                    InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                        .onChunk(chunks::add)
                        .build())
                .build())
        .get();
    assertThat(chunks).isNotEmpty();
    assertThat(chunks.getLast().bytes().asUtf8String())
        .contains("amazon-bedrock-invocationMetrics");
    await().until(() -> auditFor("InvokeModelWithResponseStream").contains("\"outputTokens\":9"));
  }

  @Test
  void simpleInvokeApiAnswersWithCompletionUsageCostAndTags() throws Exception {
    String request =
        """
        {"model":"claude-3-5-haiku",
         "prompt":{"messages":[{"role":"system","content":"be brief"},
                               {"role":"user","content":"Hello [[sim:output=4]]"}],
                   "parameters":{"maxTokens":50,"temperature":0.2}},
         "tags":{"team":"search"}}
        """;
    HttpResponse<String> response =
        ItSupport.post(sidecar, "/v1/invoke", "application/json", ItSupport.utf8(request));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("completion").asText()).isNotBlank();
    assertThat(body.path("usage").path("outputTokens").asInt()).isEqualTo(4);
    assertThat(body.path("cost").path("estimatedUSD").decimalValue()).isPositive();
    JsonNode tags = body.path("tags");
    assertThat(tags.path("costCenter").asText()).isEqualTo("support");
    assertThat(tags.path("applicationId").asText()).isEqualTo("chat");
    assertThat(tags.path("team").asText()).isEqualTo("search");
    assertThat(tags.path("modelMetric").asText()).isEqualTo(HAIKU_ID);
    assertThat(tags.path("requestId").asText()).isEqualTo(body.path("requestId").asText());
    assertThat(tags.path("timestamp").asText()).isNotBlank();
    assertThat(onlyCall().bodyAsString()).contains("\"system\"", "be brief");
  }

  @Test
  void everyRequestEmitsAnAuditLineEmfMetricsAndPrometheusCounters() throws Exception {
    sync.converse(ItSupport.converse("claude-3-5-haiku", "metrics [[sim:output=2]]", 10));
    await().until(() -> !auditFor("Converse").isEmpty());
    String emf = output.emf().getLast();
    assertThat(emf)
        .contains(
            "\"Namespace\":\"GenAIRateLimiting\"",
            "\"CostCenter\":\"support\"",
            "\"Model\":\"claude-3-5-haiku\"",
            "\"RateLimitApproved\":1",
            "\"OutputTokens\":2",
            "EstimatedCostUSD");
    HttpResponse<String> metrics = ItSupport.get(sidecar, sidecar.adminPort(), "/metrics");
    assertThat(metrics.body())
        .contains(
            "costsentry_requests_total{", "gen_ai_client_token_usage", "cost_center=\"support\"");
    assertThat(ItSupport.get(sidecar, sidecar.adminPort(), "/readyz").statusCode()).isEqualTo(200);
  }

  private static String auditFor(String api) {
    return output.audit().stream()
        .filter(l -> l.contains("\"api\":\"" + api + "\""))
        .reduce((a, b) -> b)
        .orElse("");
  }
}
