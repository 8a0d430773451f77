package io.costsentry.sidecar.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.sidecar.inspect.JsonBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Watches a copy of a response event stream as it passes through, for the usage Bedrock bills: the
 * ConverseStream {@code metadata} event, or the {@code amazon-bedrock-invocationMetrics} of the
 * last InvokeModelWithResponseStream chunk. The bytes themselves are forwarded untouched by the
 * caller.
 */
public final class StreamUsageMeter {
  private static final Logger log = LoggerFactory.getLogger(StreamUsageMeter.class);

  private static final byte[] METRICS_KEY =
      "\"amazon-bedrock-invocationMetrics\"".getBytes(StandardCharsets.US_ASCII);

  private final EventStreamFramer framer = new EventStreamFramer(this::onMessage);
  private TokenUsage usage;
  private String exceptionType;
  private boolean broken;
  private long events;

  public void feed(byte[] bytes, int offset, int length) {
    if (broken) {
      return;
    }
    try {
      framer.feed(bytes, offset, length);
    } catch (RuntimeException e) {
      // The client validates the stream itself; we only lose the usage and settle conservatively.
      broken = true;
      log.warn("cannot read usage from a response stream: {}", e.getMessage());
    }
  }

  private void onMessage(Message message) {
    events++;
    String messageType = header(message, ":message-type");
    if ("exception".equals(messageType) || "error".equals(messageType)) {
      exceptionType =
          messageType.equals("exception")
              ? header(message, ":exception-type")
              : header(message, ":error-code");
      return;
    }
    String eventType = header(message, ":event-type");
    if (!"metadata".equals(eventType) && !"chunk".equals(eventType)) {
      return; // text deltas and the like carry no usage: not parsed
    }
    try {
      JsonNode payload = JsonBodies.MAPPER.readTree(message.getPayload());
      switch (eventType) {
        case "metadata" -> UsageReader.fromConverse(payload).ifPresent(u -> usage = u);
        case "chunk" -> onChunk(payload);
        default -> {}
      }
    } catch (IOException e) {
      log.debug("unreadable {} event payload", eventType);
    }
  }

  private void onChunk(JsonNode payload) throws IOException {
    JsonNode bytes = payload.get("bytes");
    if (bytes == null || !bytes.isTextual()) {
      return;
    }
    byte[] decoded = Base64.getDecoder().decode(bytes.textValue());
    if (!contains(decoded, METRICS_KEY)) {
      return; // only the last chunk carries the invocation metrics: the others are not parsed
    }
    JsonNode chunk = JsonBodies.MAPPER.readTree(decoded);
    if (chunk != null) {
      UsageReader.fromInvocationMetrics(chunk).ifPresent(u -> usage = u);
    }
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i <= bytes.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String header(Message message, String name) {
    HeaderValue value = message.getHeaders().get(name);
    return value == null ? null : value.getString();
  }

  /** The billed usage, once the stream has carried it. */
  /**
   * Whether the bytes fed so far end with a whole frame, so that another frame can follow them and
   * the app's decoder still reads it.
   */
  public boolean atFrameBoundary() {
    return !broken && framer.atBoundary();
  }

  public Optional<TokenUsage> usage() {
    return Optional.ofNullable(usage);
  }

  /** The in-stream exception type (e.g. {@code throttlingException}), if one arrived. */
  public Optional<String> exceptionType() {
    return Optional.ofNullable(exceptionType);
  }

  public long events() {
    return events;
  }
}
