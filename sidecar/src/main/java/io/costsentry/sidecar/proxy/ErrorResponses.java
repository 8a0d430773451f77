package io.costsentry.sidecar.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.sidecar.inspect.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders errors the way Bedrock does, so SDKs raise their usual exception types. */
public final class ErrorResponses {
  private ErrorResponses() {}

  public static Map<String, String> headers(BedrockError error, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("x-amzn-RequestId", requestId);
    headers.put("X-Amzn-ErrorType", error.type().shape());
    if (error.retryAfterSeconds() != null) {
      headers.put("Retry-After", error.retryAfterSeconds().toString());
    }
    return headers;
  }

  public static byte[] body(BedrockError error) {
    ObjectNode body = JsonBodies.MAPPER.createObjectNode();
    body.put("message", error.message());
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
