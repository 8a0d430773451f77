package io.costsentry.simulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

class InvokeModelIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LLAMA_PROFILE =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/llama0profile";

  /** "be brief" + "Hello simulator" = 23 bytes: 6 input tokens. */
  private static final String ANTHROPIC_BODY =
      "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,\"system\":\"be brief\","
          + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
          + "\"Hello simulator\"}]}]}";

  private static BedrockSimulator simulator;
  private static BedrockRuntimeClient sync;
  private static BedrockRuntimeAsyncClient async;

  @BeforeAll
  static void start() {
    simulator =
        BedrockSimulator.start(
            SimulatorOptions.builder()
                .applicationInferenceProfile(LLAMA_PROFILE, ModelFamily.META_LLAMA)
                .build());
    sync = SdkClients.sync(simulator);
    async = SdkClients.async(simulator);
  }

  @AfterAll
  static void stop() {
    sync.close();
    async.close();
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  private static InvokeModelRequest invoke(String modelId, String body) {
    return InvokeModelRequest.builder()
        .modelId(modelId)
        .body(SdkBytes.fromUtf8String(body))
        .build();
  }

  private static void assertUsageHeaders(SdkHttpResponse response, int input, int output) {
    assertThat(response.firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count"))
        .contains(Integer.toString(input));
    assertThat(response.firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count"))
        .contains(Integer.toString(output));
    assertThat(response.firstMatchingHeader("X-Amzn-Bedrock-Invocation-Latency")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {SdkClients.MODEL_ID, SdkClients.PROFILE_ARN})
  void anthropicMessagesResponseOverHttp1(String modelId) throws Exception {
    InvokeModelResponse response = sync.invokeModel(invoke(modelId, ANTHROPIC_BODY));

    JsonNode body = JSON.readTree(response.body().asByteArray());
    assertThat(body.path("type").asText()).isEqualTo("message");
    assertThat(body.at("/content/0/text").asText().split(" ")).hasSize(20);
    assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(6);
    assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(20);
    assertUsageHeaders(response.sdkHttpResponse(), 6, 20);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(simulator.calls().get(0).modelId()).isEqualTo(modelId);
  }

  @ParameterizedTest
  @ValueSource(strings = {SdkClients.MODEL_ID, SdkClients.PROFILE_ARN})
  void anthropicMessagesResponseOverH2c(String modelId) {
    InvokeModelResponse response = async.invokeModel(invoke(modelId, ANTHROPIC_BODY)).join();

    assertUsageHeaders(response.sdkHttpResponse(), 6, 20);
    RecordedCall call = simulator.calls().get(0);
    assertThat(call.protocol()).isEqualTo("HTTP/2.0");
    assertThat(call.operation()).isEqualTo(Operation.INVOKE_MODEL);
    assertThat(call.usage()).isEqualTo(new Usage(6, 20, 0, 0));
  }

  @Test
  void anthropicCacheControlReportsCacheHeadersAndUsage() throws Exception {
    String body =
        "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,"
            + "\"system\":[{\"type\":\"text\",\"text\":\""
            + "s".repeat(400)
            + "\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    InvokeModelResponse first = sync.invokeModel(invoke(SdkClients.MODEL_ID, body));
    InvokeModelResponse second = sync.invokeModel(invoke(SdkClients.MODEL_ID, body));

    assertThat(
            first
                .sdkHttpResponse()
                .firstMatchingHeader("X-Amzn-Bedrock-Cache-Write-Input-Token-Count"))
        .contains("100");
    assertThat(
            second
                .sdkHttpResponse()
                .firstMatchingHeader("X-Amzn-Bedrock-Cache-Read-Input-Token-Count"))
        .contains("100");
    JsonNode usage = JSON.readTree(second.body().asByteArray()).path("usage");
    assertThat(usage.path("input_tokens").asInt()).isEqualTo(1);
    assertThat(usage.path("cache_read_input_tokens").asInt()).isEqualTo(100);
  }

  @Test
  void novaResponseUsesNovaUsageNames() throws Exception {
    InvokeModelResponse response =
        sync.invokeModel(
            invoke(
                "amazon.nova-lite-v1:0",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello simulator\"}]}],"
                    + "\"inferenceConfig\":{\"maxTokens\":10}}"));

    JsonNode body = JSON.readTree(response.body().asByteArray());
    assertThat(body.path("stopReason").asText()).isEqualTo("max_tokens");
    assertThat(body.at("/usage/inputTokens").asInt()).isEqualTo(4);
    assertThat(body.at("/usage/outputTokens").asInt()).isEqualTo(10);
    assertThat(body.at("/usage/cacheReadInputTokenCount").asInt()).isZero();
    assertUsageHeaders(response.sdkHttpResponse(), 4, 10);
  }

  @Test
  void llamaResponseThroughARegisteredApplicationProfile() throws Exception {
    InvokeModelResponse response =
        sync.invokeModel(invoke(LLAMA_PROFILE, "{\"prompt\":\"Hello simulator\"}"));

    JsonNode body = JSON.readTree(response.body().asByteArray());
    assertThat(body.path("generation").asText().split(" ")).hasSize(20);
    assertThat(body.path("prompt_token_count").asInt()).isEqualTo(4);
    assertThat(body.path("generation_token_count").asInt()).isEqualTo(20);
    assertThat(body.path("stop_reason").asText()).isEqualTo("stop");
  }
}
