package io.costsentry.sidecar.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.pricing.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

class StreamUsageMeterTest {
  private static byte[] event(String type, String json) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(type));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    var buffer = new Message(headers, json.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void readsConverseStreamMetadataFedOneByteAtATime() {
    byte[] stream =
        concat(
            event("messageStart", "{\"role\":\"assistant\"}"),
            event("contentBlockDelta", "{\"delta\":{\"text\":\"hi\"},\"contentBlockIndex\":0}"),
            event(
                "metadata",
                "{\"usage\":{\"inputTokens\":12,\"outputTokens\":3,\"totalTokens\":15,"
                    + "\"cacheReadInputTokens\":4},\"metrics\":{\"latencyMs\":1},\"p\":\"abc\"}"));
    StreamUsageMeter meter = new StreamUsageMeter();
    for (int i = 0; i < stream.length; i++) {
      meter.feed(stream, i, 1);
    }
    assertThat(meter.usage()).contains(new TokenUsage(12, 3, 4, 0));
    assertThat(meter.events()).isEqualTo(3);
  }

  @Test
  void readsInvocationMetricsFromTheLastInvokeStreamChunk() {
    String last =
        "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":10,"
            + "\"outputTokenCount\":15,\"invocationLatency\":1,\"firstByteLatency\":1}}";
    byte[] chunk =
        event(
            "chunk",
            "{\"bytes\":\""
                + Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8))
                + "\"}");
    StreamUsageMeter meter = new StreamUsageMeter();
    meter.feed(chunk, 0, chunk.length);
    assertThat(meter.usage()).contains(new TokenUsage(10, 15, 0, 0));
  }

  @Test
  void corruptStreamLosesOnlyTheUsageNeverThrows() {
    byte[] garbage = "HTTP/1.1 this is not an event stream at all".getBytes(StandardCharsets.UTF_8);
    StreamUsageMeter meter = new StreamUsageMeter();
    meter.feed(garbage, 0, garbage.length);
    assertThat(meter.usage()).isEmpty();
  }
}
