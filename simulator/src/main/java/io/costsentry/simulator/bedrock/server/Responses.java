package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.Usage;
import java.io.IOException;
import java.util.Map;

/** Sends a complete 200 body and records the call just before, as every JSON operation must. */
final class Responses {
  private Responses() {}

  static void json(CallContext call, Map<String, String> headers, byte[] body, Usage usage)
      throws IOException {
    CallLog.Entry entry = call.record(200, null, usage, true);
    try {
      call.exchange().sendJson(200, headers, body);
    } catch (IOException e) {
      // Bedrock bills a response the client did not wait for: the usage stays.
      entry.update(recorded -> recorded.withCompleted(false));
      throw e;
    }
  }
}
