package io.costsentry.simulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Bedrock's error shapes, validation and in-stream exceptions, as the SDK surfaces them. */
class ErrorsIT {
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

  private static ConverseRequest converse(String modelId, String text) {
    return ConverseRequest.builder()
        .modelId(modelId)
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text))
                .build())
        .build();
  }

  static Stream<Arguments> injectedErrors() {
    return Stream.of(
        Arguments.of(429, "ThrottlingException", ThrottlingException.class),
        Arguments.of(503, "ServiceUnavailableException", ServiceUnavailableException.class),
        Arguments.of(500, "InternalServerException", InternalServerException.class),
        Arguments.of(424, "ModelErrorException", ModelErrorException.class),
        Arguments.of(408, "ModelTimeoutException", ModelTimeoutException.class),
        Arguments.of(400, "ServiceQuotaExceededException", ServiceQuotaExceededException.class),
        Arguments.of(400, "ValidationException", ValidationException.class));
  }

  @ParameterizedTest
  @MethodSource("injectedErrors")
  void injectedErrorsSurfaceAsTheirSdkExceptionOnBothClients(
      int status, String type, Class<? extends BedrockRuntimeException> exception) {
    simulator.faults().failNext(2, status, type, "injected " + type);

    assertThatThrownBy(() -> sync.converse(converse(SdkClients.MODEL_ID, "hi")))
        .isInstanceOfSatisfying(
            exception,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("injected " + type);
              assertThat(e.requestId()).isNotBlank();
            });
    assertThatThrownBy(() -> async.converse(converse(SdkClients.PROFILE_ARN, "hi")).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(exception);
    assertThat(simulator.calls())
        .allSatisfy(
            call -> {
              assertThat(call.errorType()).isEqualTo(type);
              assertThat(call.usage()).isEqualTo(Usage.NONE);
            });
    assertThat(sync.converse(converse(SdkClients.MODEL_ID, "hi")).usage().outputTokens())
        .isEqualTo(20);
  }

  @Test
  void requestsBedrockWouldRefuseAreValidationExceptions() {
    assertThatThrownBy(() -> sync.converse(r -> r.modelId(SdkClients.MODEL_ID)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                sync.converse(
                    converse(SdkClients.MODEL_ID, "hi").toBuilder()
                        .inferenceConfig(c -> c.maxTokens(0))
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("inferenceConfig.maxTokens");
    assertThatThrownBy(() -> sync.converse(converse("claude-3-haiku", "hi")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("The provided model identifier is invalid.");
    assertThatThrownBy(
            () ->
                sync.invokeModel(
                    r ->
                        r.modelId(SdkClients.MODEL_ID)
                            .body(
                                SdkBytes.fromUtf8String(
                                    "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                                        + "\"content\":\"hi\"}]}"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("required key [anthropic_version] not found");
    assertThatThrownBy(
            () ->
                sync.invokeModel(
                    r -> r.modelId(SdkClients.MODEL_ID).body(SdkBytes.fromUtf8String("{not json"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Malformed input request");
  }

  @Test
  void inStreamThrottlingSurfacesAsThrottlingException() {
    simulator.faults().failStreamMidway(1, 3, "throttlingException", "Too many tokens");
    StringBuilder text = new StringBuilder();

    assertThatThrownBy(
            () ->
                async
                    .converseStream(
                        ConverseStreamRequest.builder()
                            .modelId(SdkClients.MODEL_ID)
                            .messages(converse(SdkClients.MODEL_ID, "hi").messages())
                            .build(),
                        ConverseStreamResponseHandler.builder()
                            .subscriber(
                                ConverseStreamResponseHandler.Visitor.builder()
                                    .onContentBlockDelta(d -> text.append(d.delta().text()))
                                    .build())
                            .build())
                    .join())
        .hasCauseInstanceOf(ThrottlingException.class)
        .hasMessageContaining("Too many tokens");
    // messageStart + 2 deltas went out before the exception; usage never did.
    assertThat(text.toString()).isEqualTo("lorem ipsum");
    RecordedCall call = simulator.calls().get(0);
    assertThat(call.errorType()).isEqualTo("throttlingException");
    assertThat(call.usage()).isEqualTo(Usage.NONE);
    assertThat(simulator.totalOutputTokens()).isZero();
  }

  @Test
  void inStreamModelErrorSurfacesAsModelStreamErrorException() {
    simulator.faults().failStreamMidway(1, 1, "modelStreamErrorException", "model broke");

    assertThatThrownBy(
            () ->
                async
                    .invokeModelWithResponseStream(
                        InvokeModelWithResponseStreamRequest.builder()
                            .modelId(SdkClients.PROFILE_ARN)
                            .body(
                                SdkBytes.fromUtf8String(
                                    "{\"anthropic_version\":\"bedrock-2023-05-31\","
                                        + "\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                                        + "\"content\":\"hi\"}]}"))
                            .build(),
                        InvokeModelWithResponseStreamResponseHandler.builder()
                            .subscriber(
                                InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                    .build())
                            .build())
                    .join())
        .hasCauseInstanceOf(ModelStreamErrorException.class);
  }

  @Test
  void delayedCallsHitTheClientsTimeout() {
    simulator.faults().delayNext(Duration.ofSeconds(3));
    ConverseRequest impatient =
        converse(SdkClients.MODEL_ID, "hi").toBuilder()
            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(300)))
            .build();

    assertThatThrownBy(() -> sync.converse(impatient)).isInstanceOf(ApiCallTimeoutException.class);
  }
}
