package io.costsentry.sidecar.server;

import io.costsentry.sidecar.proxy.BedrockErrorException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads a request body whole, refusing it early when it is larger than allowed. */
final class RequestBodies {
  private RequestBodies() {}

  static byte[] read(Request request, long maxBytes) throws IOException {
    long declared = request.getLength();
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared >= 0 && declared <= Integer.MAX_VALUE - 8) {
        // Read straight into an array of the declared size (no growing buffers to copy from).
        byte[] body = new byte[(int) declared];
        if (in.readNBytes(body, 0, body.length) < body.length) {
          throw new EOFException("request body shorter than its Content-Length");
        }
        // Read on to the end of the content: an HTTP/2 request left open is reset by Jetty,
        // and clients that see many resets are cut off (RST_STREAM rate control).
        if (in.read() != -1) {
          throw new IOException("request body longer than its Content-Length");
        }
        return body;
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      return body;
    }
  }

  private static BedrockErrorException tooLarge(long maxBytes) {
    return BedrockErrorException.validation(
        "Request body is larger than the "
            + maxBytes
            + " bytes CostSentry accepts (COSTSENTRY_MAX_REQUEST_BYTES)");
  }
}
