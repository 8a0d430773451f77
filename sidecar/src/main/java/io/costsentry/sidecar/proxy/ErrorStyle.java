package io.costsentry.sidecar.proxy;

import java.io.IOException;

/** How a route renders its errors: Bedrock's shape, or the simple API's JSON. */
public interface ErrorStyle {
  void write(Downstream down, BedrockError error, String requestId) throws IOException;

  ErrorStyle BEDROCK =
      (down, error, requestId) ->
          down.respond(
              error.type().status(),
              ErrorResponses.headers(error, requestId),
              ErrorResponses.body(error));
}
