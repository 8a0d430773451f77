package io.costsentry.simulator.bedrock.server;

import java.io.IOException;

/** Answers one Bedrock Runtime operation. */
interface OperationHandler {

  /**
   * Answers the call and records it through {@link CallContext#record} before its last bytes.
   *
   * @throws io.costsentry.simulator.bedrock.wire.BedrockException for requests Bedrock would
   *     refuse, before anything was written
   * @throws IOException when the client went away
   */
  void handle(CallContext call) throws IOException;
}
