package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.codec.Json;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import io.costsentry.simulator.bedrock.wire.ReceivedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One Jetty request/response pair, used with blocking I/O from a virtual thread. Hides the Jetty
 * API from the operations: they read a {@link ReceivedRequest} and answer JSON, an error, or an
 * event stream.
 */
final class Exchange {
  static final String REQUEST_ID = "x-amzn-RequestId";
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final String requestId;

  Exchange(Request request, Response response, Callback callback, String requestId) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.requestId = requestId;
  }

  String requestId() {
    return requestId;
  }

  /** Reads the whole request; blocks until the body has arrived. */
  ReceivedRequest read() throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers
          .computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(field.getValue());
    }
    byte[] body = Content.Source.asInputStream(request).readAllBytes();
    HttpURI uri = request.getHttpURI();
    String authority =
        headers.containsKey("host") ? headers.get("host").get(0) : uri.getAuthority();
    return new ReceivedRequest(
        request.getConnectionMetaData().getProtocol(),
        request.getMethod(),
        authority,
        uri.getPath(),
        uri.getQuery(),
        headers,
        body);
  }

  /** Sends a complete JSON (or model-native) body and ends the exchange. */
  void sendJson(int status, Map<String, String> extraHeaders, byte[] body) throws IOException {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(REQUEST_ID, requestId);
    extraHeaders.forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    Content.Sink.write(response, true, ByteBuffer.wrap(body));
    callback.succeeded();
  }

  /** Sends a restJson1 error (aws-wire.md §1.10) and ends the exchange. */
  void sendError(BedrockError error) throws IOException {
    byte[] body = Json.bytes(Json.object().put("message", error.message()));
    sendJson(error.status(), Map.of("X-Amzn-ErrorType", error.errorTypeHeader()), body);
  }

  /**
   * Commits a 200 event-stream response. Each write to the returned stream goes out at once (a
   * chunk on HTTP/1.1, a DATA frame on h2); closing it ends the response but not the exchange.
   */
  OutputStream startEventStream(Map<String, String> extraHeaders) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, EVENT_STREAM);
    response.getHeaders().put(REQUEST_ID, requestId);
    extraHeaders.forEach((name, value) -> response.getHeaders().put(name, value));
    return Content.Sink.asOutputStream(response);
  }

  /** Ends an exchange whose response was written through {@link #startEventStream}. */
  void finish() {
    callback.succeeded();
  }

  /** Ends the exchange abnormally (connection reset for the client). */
  void abort(Throwable failure) {
    callback.failed(failure);
  }
}
