package io.costsentry.sidecar.simple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.sidecar.inspect.JsonBodies;
import io.costsentry.sidecar.proxy.BedrockError;
import io.costsentry.sidecar.proxy.Downstream;
import io.costsentry.sidecar.proxy.ErrorStyle;
import io.costsentry.sidecar.proxy.ErrorType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simple API's errors: {@code {"error":{"type","message","retryAfterSeconds"},"requestId"}}.
 * Every budget denial is a 429, whatever the window, as the seed API answered.
 */
enum SimpleErrors implements ErrorStyle {
  INSTANCE;

  @Override
  public void write(Downstream down, BedrockError error, String requestId) throws IOException {
    boolean denial =
        error.type() == ErrorType.THROTTLING || error.type() == ErrorType.SERVICE_QUOTA_EXCEEDED;
    ObjectNode body = JsonBodies.MAPPER.createObjectNode();
    ObjectNode e = body.putObject("error");
    e.put("type", error.type().shape());
    e.put("message", error.message());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("x-amzn-RequestId", requestId);
    if (error.retryAfterSeconds() != null) {
      e.put("retryAfterSeconds", error.retryAfterSeconds());
      headers.put("Retry-After", error.retryAfterSeconds().toString());
    }
    body.put("requestId", requestId);
    down.respond(
        denial ? 429 : error.type().status(),
        headers,
        body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
