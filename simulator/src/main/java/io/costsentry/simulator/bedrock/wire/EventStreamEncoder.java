package io.costsentry.simulator.bedrock.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Encodes {@code application/vnd.amazon.eventstream} frames (aws-wire.md §2): events with {@code
 * :message-type=event} and modeled exceptions with {@code :message-type=exception}. All header
 * values are strings, as Bedrock sends them; CRCs are computed by {@link Message}.
 */
public final class EventStreamEncoder {
  private static final String JSON = "application/json";

  private EventStreamEncoder() {}

  /** An event frame, e.g. {@code contentBlockDelta} or {@code chunk}, with a JSON payload. */
  public static byte[] event(String eventType, byte[] jsonPayload) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(eventType));
    headers.put(":content-type", HeaderValue.fromString(JSON));
    headers.put(":message-type", HeaderValue.fromString("event"));
    return encode(headers, jsonPayload);
  }

  /**
   * A modeled exception frame; {@code exceptionType} is the union member name, e.g. {@code
   * throttlingException}, and the payload is {@code {"message": ...}}.
   */
  public static byte[] exception(String exceptionType, byte[] jsonPayload) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":exception-type", HeaderValue.fromString(exceptionType));
    headers.put(":content-type", HeaderValue.fromString(JSON));
    headers.put(":message-type", HeaderValue.fromString("exception"));
    return encode(headers, jsonPayload);
  }

  /** Convenience for payloads given as text. */
  public static byte[] event(String eventType, String jsonPayload) {
    return event(eventType, jsonPayload.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] encode(Map<String, HeaderValue> headers, byte[] payload) {
    ByteBuffer buffer = new Message(headers, payload).toByteBuffer();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
