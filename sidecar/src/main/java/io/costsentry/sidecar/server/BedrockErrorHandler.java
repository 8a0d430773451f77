package io.costsentry.sidecar.server;

import io.costsentry.sidecar.proxy.BedrockError;
import io.costsentry.sidecar.proxy.ErrorResponses;
import io.costsentry.sidecar.proxy.ErrorType;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before they reach the proxy (malformed URIs, bad headers) still get a
 * Bedrock-shaped error, not an HTML page, so SDKs report them like any other.
 */
final class BedrockErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    BedrockError error = errorFor(code, message);
    response.setStatus(error.type().status());
    ErrorResponses.headers(error, UUID.randomUUID().toString())
        .forEach((name, value) -> response.getHeaders().put(name, value));
    response.write(true, ByteBuffer.wrap(ErrorResponses.body(error)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    BedrockError error = errorFor(status, reason);
    ErrorResponses.headers(error, UUID.randomUUID().toString()).forEach(fields::put);
    return ByteBuffer.wrap(ErrorResponses.body(error));
  }

  private static BedrockError errorFor(int status, String reason) {
    String detail = reason == null || reason.isBlank() ? "HTTP " + status : reason;
    if (status >= 500) {
      return BedrockError.of(
          ErrorType.INTERNAL_SERVER, "CostSentry could not process the request: " + detail);
    }
    if (status == 404) {
      return BedrockError.of(ErrorType.UNKNOWN_OPERATION, "No such operation: " + detail);
    }
    return BedrockError.validation("Malformed request refused by CostSentry: " + detail);
  }
}
