package io.costsentry.simulator.bedrock.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

class EventStreamEncoderTest {

  @Test
  void encodesTheVerifiedMetadataFrameByteForByte() {
    // aws-wire.md §2.4: 184 bytes, headers 78, prelude CRC d4f1f02b, message CRC 671bee49.
    String payload =
        "{\"metrics\":{\"latencyMs\":321},\"usage\":{\"inputTokens\":12,\"outputTokens\":3,"
            + "\"totalTokens\":15}}";

    byte[] frame = EventStreamEncoder.event("metadata", payload);

    HexFormat hex = HexFormat.of();
    assertThat(frame).hasSize(184);
    assertThat(hex.formatHex(frame, 0, 12)).isEqualTo("000000b80000004ed4f1f02b");
    assertThat(hex.formatHex(frame, 180, 184)).isEqualTo("671bee49");
  }

  @Test
  void exceptionFramesCarryTheExceptionTypeAndDecode() {
    byte[] frame =
        EventStreamEncoder.exception(
            "throttlingException", "{\"message\":\"slow down\"}".getBytes(StandardCharsets.UTF_8));

    MessageDecoder decoder = new MessageDecoder();
    decoder.feed(frame);
    Message message = decoder.getDecodedMessages().get(0);

    assertThat(message.getHeaders().get(":message-type").getString()).isEqualTo("exception");
    assertThat(message.getHeaders().get(":exception-type").getString())
        .isEqualTo("throttlingException");
    assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).contains("slow down");
  }
}
