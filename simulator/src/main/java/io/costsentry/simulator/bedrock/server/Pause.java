package io.costsentry.simulator.bedrock.server;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Simulated model time. Runs on virtual threads, so sleeping costs no platform thread. */
final class Pause {
  private Pause() {}

  /**
   * @throws InterruptedIOException when the simulator shuts down meanwhile: handled like a client
   *     that went away
   */
  static void sleep(Duration duration) throws InterruptedIOException {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("simulator shutting down");
    }
  }
}
