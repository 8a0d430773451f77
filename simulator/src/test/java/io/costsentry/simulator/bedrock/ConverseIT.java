package io.costsentry.simulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

class ConverseIT {
  private static BedrockSimulator simulator;
  private static BedrockRuntimeClient sync;
  private static BedrockRuntimeAsyncClient async;

  @BeforeAll
  static void start() {
    simulator = BedrockSimulator.start(SimulatorOptions.defaults());
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

  /** system "be brief" (8 bytes) + "Hello simulator" (15 bytes) = 23 bytes → 6 input tokens. */
  private static ConverseRequest request(String modelId, int maxTokens) {
    return ConverseRequest.builder()
        .modelId(modelId)
        .system(SystemContentBlock.fromText("be brief"))
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText("Hello simulator"))
                .build())
        .inferenceConfig(c -> c.maxTokens(maxTokens))
        .build();
  }

  private static void assertDeterministicUsage(ConverseResponse response) {
    assertThat(response.usage())
        .isEqualTo(TokenUsage.builder().inputTokens(6).outputTokens(20).totalTokens(26).build());
    assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(response.output().message().content().get(0).text().split(" ")).hasSize(20);
  }

  @ParameterizedTest
  @ValueSource(strings = {SdkClients.MODEL_ID, SdkClients.PROFILE_ARN})
  void syncClientConversesOverHttp1(String modelId) {
    ConverseResponse response = sync.converse(request(modelId, 100));

    assertDeterministicUsage(response);
    RecordedCall call = simulator.calls().get(0);
    assertThat(call.operation()).isEqualTo(Operation.CONVERSE);
    assertThat(call.modelId()).isEqualTo(modelId);
    assertThat(call.protocol()).isEqualTo("HTTP/1.1");
    assertThat(call.usage()).isEqualTo(new Usage(6, 20, 0, 0));
    assertThat(call.completed()).isTrue();
    assertThat(call.header("x-amz-content-sha256")).isPresent();
    assertThat(response.responseMetadata().requestId()).isEqualTo(call.requestId());
  }

  @ParameterizedTest
  @ValueSource(strings = {SdkClients.MODEL_ID, SdkClients.PROFILE_ARN})
  void asyncClientConversesOverH2cPriorKnowledge(String modelId) {
    ConverseResponse response = async.converse(request(modelId, 100)).join();

    assertDeterministicUsage(response);
    RecordedCall call = simulator.calls().get(0);
    assertThat(call.protocol()).isEqualTo("HTTP/2.0");
    assertThat(call.modelId()).isEqualTo(modelId);
    assertThat(call.rawPath()).doesNotContain(":");
  }

  @Test
  void maxTokensCapsTheOutputAndTotalsAddUp() {
    ConverseResponse capped =
        sync.converse(
            request(SdkClients.MODEL_ID, 5).toBuilder()
                .messages(
                    Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText("[[sim:output=300]] go"))
                        .build())
                .build());
    sync.converse(request(SdkClients.MODEL_ID, 100));

    assertThat(capped.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    assertThat(capped.usage().outputTokens()).isEqualTo(5);
    assertThat(simulator.totalOutputTokens()).isEqualTo(25);
    assertThat(simulator.totalInputTokens()).isEqualTo(capped.usage().inputTokens() + 6L);
  }

  @Test
  void cachePointReportsACacheWriteThenReadsApartFromInputTokens() {
    String document = "d".repeat(4000);
    ConverseRequest cached =
        ConverseRequest.builder()
            .modelId(SdkClients.MODEL_ID)
            .system(
                SystemContentBlock.fromText(document),
                SystemContentBlock.fromCachePoint(
                    CachePointBlock.builder().type(CachePointType.DEFAULT).build()))
            .messages(
                Message.builder()
                    .role(ConversationRole.USER)
                    .content(ContentBlock.fromText("Question"))
                    .build())
            .build();

    TokenUsage first = sync.converse(cached).usage();
    TokenUsage second = sync.converse(cached).usage();

    assertThat(first.inputTokens()).isEqualTo(2);
    assertThat(first.cacheWriteInputTokens()).isEqualTo(1000);
    assertThat(first.cacheReadInputTokens()).isNull();
    assertThat(second.cacheReadInputTokens()).isEqualTo(1000);
    assertThat(second.cacheWriteInputTokens()).isNull();
    assertThat(simulator.totalCacheWriteInputTokens()).isEqualTo(1000);
    assertThat(simulator.totalCacheReadInputTokens()).isEqualTo(1000);
  }

  @Test
  void countTokensCountsAConversationWithoutBilling() {
    int tokens =
        sync.countTokens(
                r ->
                    r.modelId("anthropic.claude-3-5-haiku-20241022-v1:0")
                        .input(
                            CountTokensInput.fromConverse(
                                ConverseTokensRequest.builder()
                                    .messages(request(SdkClients.MODEL_ID, 1).messages())
                                    .system(SystemContentBlock.fromText("be brief"))
                                    .build())))
            .inputTokens();

    assertThat(tokens).isEqualTo(6);
    assertThat(simulator.totalInputTokens()).isZero();
  }
}
