package io.costsentry.sidecar.proxy;

import java.io.IOException;
import java.util.Map;

/** The app's side of an exchange: how the request path answers, whole or streamed. */
public interface Downstream {
  /** Sends a complete response. */
  void respond(int status, Map<String, String> headers, byte[] body) throws IOException;

  /** Starts a streamed response. */
  void begin(int status, Map<String, String> headers) throws IOException;

  /** Sends the next piece of a streamed response at once (no buffering). */
  void write(byte[] bytes, int offset, int length) throws IOException;

  /** Ends a streamed response normally. */
  void end() throws IOException;

  /** Ends a streamed response abnormally, so the app sees a broken stream, not a short one. */
  void abort(Throwable cause);
}
