package io.costsentry.simulator.bedrock.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as it arrived, independent of the server library: what routing, authentication
 * and recording need.
 *
 * @param protocol {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param method the HTTP method
 * @param authority {@code host[:port]} from {@code Host} (HTTP/1.1) or {@code :authority} (h2)
 * @param rawPath the path exactly as sent, percent-encoding preserved
 * @param rawQuery the query string as sent, or {@code null}
 * @param headers header values by lower-case name
 * @param body the body bytes
 */
public record ReceivedRequest(
    String protocol,
    String method,
    String authority,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  public Optional<String> header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
