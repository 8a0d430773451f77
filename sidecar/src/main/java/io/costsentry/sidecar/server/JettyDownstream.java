package io.costsentry.sidecar.server;

import io.costsentry.sidecar.proxy.Downstream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * Writes to a Jetty response from the request's (virtual) thread, blocking until each piece is
 * flushed, so a streamed piece leaves the proxy as soon as it arrives from Bedrock.
 */
final class JettyDownstream implements Downstream {
  private final Response response;
  private final Callback completion;
  private boolean committed;
  private boolean aborted;

  JettyDownstream(Response response, Callback completion) {
    this.response = response;
    this.completion = completion;
  }

  boolean committed() {
    return committed;
  }

  @Override
  public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
    start(status, headers);
    response.getHeaders().put("Content-Length", Long.toString(body.length));
    write(true, ByteBuffer.wrap(body));
  }

  @Override
  public void begin(int status, Map<String, String> headers) throws IOException {
    start(status, headers);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    write(false, ByteBuffer.wrap(bytes, offset, length));
  }

  @Override
  public void end() throws IOException {
    write(true, ByteBuffer.allocate(0));
  }

  @Override
  public void abort(Throwable cause) {
    aborted = true;
    completion.failed(cause);
  }

  /** Completes the exchange unless it was aborted. */
  void complete() {
    if (!aborted) {
      completion.succeeded();
    }
  }

  private void start(int status, Map<String, String> headers) {
    committed = true;
    response.setStatus(status);
    headers.forEach((name, value) -> response.getHeaders().put(name, value));
  }

  private void write(boolean last, ByteBuffer buffer) throws IOException {
    try (Blocker.Callback written = Blocker.callback()) {
      response.write(last, buffer, written);
      written.block();
    }
  }
}
