package io.costsentry.sidecar.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.costsentry.sidecar.inspect.JsonBodies;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * The in-stream exception that tells an app its stream was cut, as Bedrock itself reports a failure
 * after the first event ({@code modelStreamErrorException}, aws-wire.md section 2): the SDKs raise
 * it as an error, where a reset HTTP/2 stream may look like a normal end.
 */
final class StreamBreak {
  private StreamBreak() {}

  static byte[] frame(String message) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":message-type", HeaderValue.fromString("exception"));
    headers.put(":exception-type", HeaderValue.fromString("modelStreamErrorException"));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    byte[] payload;
    try {
      payload = JsonBodies.MAPPER.writeValueAsBytes(Map.of("message", message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer encoded = new Message(headers, payload).toByteBuffer();
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    return bytes;
  }
}
