package io.costsentry.sidecar.proxy;

import io.costsentry.sidecar.usage.StreamUsageMeter;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * Passes an event stream to the app piece by piece as Bedrock sends it (time to first token
 * unchanged) while a meter reads a copy for the usage. If the app goes away, the upstream is still
 * read to its end: Bedrock bills the whole response, so the usage event must be seen.
 */
final class StreamRelay {
  private static final int BUFFER_BYTES = 16 * 1024;

  private final Settlement settlement;

  StreamRelay(Settlement settlement) {
    this.settlement = settlement;
  }

  void relay(
      RequestTrace trace, Admitted admitted, HttpResponse<InputStream> response, Downstream down) {
    StreamUsageMeter meter = new StreamUsageMeter();
    boolean clientGone = false;
    try {
      down.begin(response.statusCode(), Forwarder.returnable(response.headers()));
    } catch (IOException e) {
      clientGone = true;
    }
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = response.body()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        meter.feed(buffer, 0, n);
        if (!clientGone) {
          try {
            down.write(buffer, 0, n);
          } catch (IOException e) {
            clientGone = true;
          }
        }
      }
    } catch (IOException e) {
      // Bedrock broke off mid-stream: what it billed is unknown, so keep the upper bound.
      trace.upstreamFailed();
      trace.error("UpstreamStreamBroken");
      settlement.billed(trace, admitted, meter.usage());
      if (clientGone) {
        trace.clientDisconnected();
      } else if (meter.atFrameBoundary()) {
        endWithError(down, e, trace);
      } else {
        down.abort(e); // cut inside a frame: nothing can follow it, so reset the response
      }
      return;
    }
    if (clientGone) {
      trace.clientDisconnected();
    }
    if (meter.exceptionType().isPresent()) {
      trace.upstreamFailed();
      trace.error(meter.exceptionType().get());
    }
    if (meter.usage().isEmpty() && meter.exceptionType().isPresent() && meter.events() <= 1) {
      settlement.notBilled(admitted); // refused before producing anything
    } else {
      settlement.billed(trace, admitted, meter.usage());
    }
    if (!clientGone) {
      try {
        down.end();
      } catch (IOException e) {
        trace.clientDisconnected();
      }
    }
  }

  private static void endWithError(Downstream down, IOException cause, RequestTrace trace) {
    try {
      byte[] frame = StreamBreak.frame("The Bedrock stream broke off: " + cause.getMessage());
      down.write(frame, 0, frame.length);
      down.end();
    } catch (IOException e) {
      trace.clientDisconnected();
    }
  }
}
