package io.costsentry.simulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/** ConverseStream and InvokeModelWithResponseStream through the async client over h2c. */
class StreamingIT {
  private static final Duration TOKEN_DELAY = Duration.ofMillis(25);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BedrockSimulator simulator;
  private static BedrockRuntimeAsyncClient async;

  @BeforeAll
  static void start() {
    simulator = BedrockSimulator.start(SimulatorOptions.builder().tokenDelay(TOKEN_DELAY).build());
    async = SdkClients.async(simulator);
  }

  @AfterAll
  static void stop() {
    async.close();
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  /** Collects ConverseStream events with their arrival times. */
  private static final class ConverseEvents {
    final List<Long> deltaArrivals = Collections.synchronizedList(new ArrayList<>());
    final StringBuilder text = new StringBuilder();
    final AtomicReference<TokenUsage> usage = new AtomicReference<>();
    final AtomicReference<StopReason> stopReason = new AtomicReference<>();

    ConverseStreamResponseHandler handler() {
      return ConverseStreamResponseHandler.builder()
          .subscriber(
              ConverseStreamResponseHandler.Visitor.builder()
                  .onContentBlockDelta(
                      delta -> {
                        deltaArrivals.add(System.nanoTime());
                        text.append(delta.delta().text());
                      })
                  .onMessageStop(stop -> stopReason.set(stop.stopReason()))
                  .onMetadata(metadata -> usage.set(metadata.usage()))
                  .build())
          .build();
    }
  }

  private static ConverseStreamRequest converseStream(String modelId, String text) {
    return ConverseStreamRequest.builder()
        .modelId(modelId)
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text))
                .build())
        .inferenceConfig(c -> c.maxTokens(100))
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {SdkClients.MODEL_ID, SdkClients.PROFILE_ARN})
  void converseStreamDeliversOneDeltaPerTokenAndUsageInMetadata(String modelId) {
    ConverseEvents events = new ConverseEvents();

    // "[[sim:output=12]] Hello" is 23 bytes: 6 input tokens.
    async
        .converseStream(converseStream(modelId, "[[sim:output=12]] Hello"), events.handler())
        .join();

    assertThat(events.deltaArrivals).hasSize(12);
    assertThat(events.text.toString().split(" ")).hasSize(12);
    assertThat(events.stopReason.get()).isEqualTo(StopReason.END_TURN);
    assertThat(events.usage.get())
        .isEqualTo(TokenUsage.builder().inputTokens(6).outputTokens(12).totalTokens(18).build());
    RecordedCall call = simulator.calls().get(0);
    assertThat(call.operation()).isEqualTo(Operation.CONVERSE_STREAM);
    assertThat(call.modelId()).isEqualTo(modelId);
    assertThat(call.protocol()).isEqualTo("HTTP/2.0");
    assertThat(call.usage()).isEqualTo(new Usage(6, 12, 0, 0));
    assertThat(call.completed()).isTrue();
  }

  @Test
  void streamedTokensArriveIncrementallyNotAllAtTheEnd() {
    ConverseEvents events = new ConverseEvents();

    async
        .converseStream(converseStream(SdkClients.MODEL_ID, "[[sim:output=16]]"), events.handler())
        .join();
    long streamEnd = System.nanoTime();

    // The server spaces 16 tokens 25 ms apart: the first arrives ≥ 375 ms before the last is sent.
    // Buffering anywhere would make them arrive together at the end.
    long firstToEnd = Duration.ofNanos(streamEnd - events.deltaArrivals.get(0)).toMillis();
    long firstToLast =
        Duration.ofNanos(events.deltaArrivals.get(15) - events.deltaArrivals.get(0)).toMillis();
    assertThat(firstToEnd).isGreaterThanOrEqualTo(200);
    assertThat(firstToLast).isGreaterThanOrEqualTo(200);
  }

  private static List<JsonNode> invokeStream(String modelId, String body) throws Exception {
    List<JsonNode> chunks = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<InvokeModelWithResponseStreamResponse> response = new AtomicReference<>();
    InvokeModelWithResponseStreamResponseHandler handler =
        InvokeModelWithResponseStreamResponseHandler.builder()
            .onResponse(response::set)
            .subscriber(
                InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                    .onChunk(
                        chunk -> {
                          try {
                            chunks.add(JSON.readTree(chunk.bytes().asByteArray()));
                          } catch (IOException e) {
                            throw new UncheckedIOException(e);
                          }
                        })
                    .build())
            .build();
    async
        .invokeModelWithResponseStream(
            InvokeModelWithResponseStreamRequest.builder()
                .modelId(modelId)
                .body(SdkBytes.fromUtf8String(body))
                .build(),
            handler)
        .join();
    assertThat(response.get().contentType()).isEqualTo("application/json");
    return chunks;
  }

  @ParameterizedTest
  @ValueSource(strings = {SdkClients.MODEL_ID, SdkClients.PROFILE_ARN})
  void anthropicStreamEndsWithInvocationMetricsOnTheLastChunk(String modelId) throws Exception {
    List<JsonNode> chunks =
        invokeStream(
            modelId,
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,"
                + "\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"[[sim:output=3]]\"}]}");

    assertThat(chunks)
        .extracting(chunk -> chunk.path("type").asText())
        .containsExactly(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    // "be brief" + "[[sim:output=3]]" = 24 bytes: 6 input tokens.
    assertThat(chunks.get(0).at("/message/usage/input_tokens").asInt()).isEqualTo(6);
    assertThat(chunks.get(6).at("/usage/output_tokens").asInt()).isEqualTo(3);
    JsonNode metrics = chunks.get(7).path("amazon-bedrock-invocationMetrics");
    assertThat(metrics.path("inputTokenCount").asInt()).isEqualTo(6);
    assertThat(metrics.path("outputTokenCount").asInt()).isEqualTo(3);
    assertThat(metrics.has("invocationLatency")).isTrue();
    assertThat(metrics.has("firstByteLatency")).isTrue();
    assertThat(simulator.calls().get(0).usage()).isEqualTo(new Usage(6, 3, 0, 0));
  }

  @Test
  void novaStreamCarriesUsageInItsMetadataChunk() throws Exception {
    List<JsonNode> chunks =
        invokeStream(
            "us.amazon.nova-lite-v1:0",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"[[sim:output=2]]\"}]}],"
                + "\"inferenceConfig\":{\"maxTokens\":10}}");

    assertThat(chunks).hasSize(6);
    JsonNode last = chunks.get(5);
    assertThat(last.at("/metadata/usage/inputTokens").asInt()).isEqualTo(4);
    assertThat(last.at("/metadata/usage/outputTokens").asInt()).isEqualTo(2);
    assertThat(last.at("/amazon-bedrock-invocationMetrics/outputTokenCount").asInt()).isEqualTo(2);
  }

  @Test
  void llamaStreamSendsOneGenerationChunkPerToken() throws Exception {
    List<JsonNode> chunks =
        invokeStream(
            "meta.llama3-1-8b-instruct-v1:0",
            "{\"prompt\":\"[[sim:output=4]]\",\"max_gen_len\":3}");

    assertThat(chunks).hasSize(4);
    assertThat(chunks.get(0).path("prompt_token_count").asInt()).isEqualTo(4);
    JsonNode last = chunks.get(3);
    assertThat(last.path("stop_reason").asText()).isEqualTo("length");
    assertThat(last.path("generation_token_count").asInt()).isEqualTo(3);
    assertThat(last.at("/amazon-bedrock-invocationMetrics/outputTokenCount").asInt()).isEqualTo(3);
  }
}
