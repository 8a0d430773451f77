package io.costsentry.sidecar.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that ends in an error once the whole call has taken longer than the upstream
 * timeout. The JDK client's request timeout only covers the wait for the headers; without this a
 * stream Bedrock stops feeding would block its reader forever and outlive its reservation.
 */
final class DeadlineInputStream extends FilterInputStream {
  private final Duration timeout;
  private volatile boolean expired;
  private ScheduledFuture<?> watchdog;

  private DeadlineInputStream(InputStream in, Duration timeout) {
    super(in);
    this.timeout = timeout;
  }

  /**
   * Wraps {@code in} so that reading fails after {@code deadlineNanos} ({@link System#nanoTime}).
   */
  static DeadlineInputStream arm(
      InputStream in, long deadlineNanos, Duration timeout, ScheduledExecutorService scheduler) {
    DeadlineInputStream stream = new DeadlineInputStream(in, timeout);
    stream.watchdog =
        scheduler.schedule(
            stream::expire, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    return stream;
  }

  private void expire() {
    expired = true;
    try {
      in.close(); // wakes a reader blocked on the next piece
    } catch (IOException ignored) {
      // closing is all that matters; the reader gets the timeout below
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw expired ? timedOut(e) : e;
    }
    if (n == -1) {
      if (expired) {
        throw timedOut(null);
      }
      watchdog.cancel(false);
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    watchdog.cancel(false);
    super.close();
  }

  private IOException timedOut(IOException cause) {
    return new IOException(
        "Bedrock did not finish the call within the upstream timeout (" + timeout + ")", cause);
  }
}
