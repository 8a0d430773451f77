package io.costsentry.simulator.bedrock;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request the simulator answered, for assertions in tests.
 *
 * @param requestId the {@code x-amzn-RequestId} it answered with
 * @param receivedAt when the request arrived
 * @param operation the operation routed to, or {@code null} when the path matched none
 * @param protocol {@code HTTP/1.1}, or {@code HTTP/2.0} for h2c
 * @param method the HTTP method
 * @param rawPath the path exactly as received (percent-encoding preserved)
 * @param modelId the percent-decoded model id, or {@code null} when the path has none
 * @param headers request headers, names in lower case
 * @param body request body bytes
 * @param httpStatus status of the response (200 for streams, even when they later failed)
 * @param errorType error shape answered (HTTP error or in-stream exception), or {@code null}
 * @param usage the usage the simulator reported and Bedrock would bill: the generated usage for
 *     successful calls and for streams the client abandoned (Bedrock bills the whole response);
 *     {@link Usage#NONE} for failed calls and for streams that failed before the usage event
 * @param completed whether the whole response reached the client
 */
public record RecordedCall(
    String requestId,
    Instant receivedAt,
    Operation operation,
    String protocol,
    String method,
    String rawPath,
    String modelId,
    Map<String, List<String>> headers,
    byte[] body,
    int httpStatus,
    String errorType,
    Usage usage,
    boolean completed) {

  public RecordedCall {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a request header (name case-insensitive). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** This call with another {@code completed} flag. */
  public RecordedCall withCompleted(boolean completed) {
    return new RecordedCall(
        requestId,
        receivedAt,
        operation,
        protocol,
        method,
        rawPath,
        modelId,
        headers,
        body,
        httpStatus,
        errorType,
        usage,
        completed);
  }

  /** Whether the simulator answered 200 and, for streams, sent no in-stream exception. */
  public boolean succeeded() {
    return httpStatus == 200 && errorType == null;
  }
}
