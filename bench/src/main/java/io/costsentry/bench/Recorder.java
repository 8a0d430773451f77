package io.costsentry.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies of one run, written concurrently into a preallocated array. */
final class Recorder {
  private final long[] nanos;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private volatile Throwable firstError;

  Recorder(int capacity) {
    nanos = new long[capacity];
  }

  void record(long latencyNanos) {
    int i = next.getAndIncrement();
    if (i < nanos.length) {
      nanos[i] = latencyNanos;
    }
  }

  void error(Throwable t) {
    errors.incrementAndGet();
    if (firstError == null) {
      firstError = t;
    }
  }

  Throwable firstError() {
    return firstError;
  }

  int errors() {
    return errors.get();
  }

  long[] values() {
    return Arrays.copyOf(nanos, Math.min(next.get(), nanos.length));
  }

  /** Concatenates the values of several runs. */
  static long[] merge(Recorder... runs) {
    int n = 0;
    for (Recorder r : runs) {
      n += Math.min(r.next.get(), r.nanos.length);
    }
    long[] all = new long[n];
    int at = 0;
    for (Recorder r : runs) {
      long[] v = r.values();
      System.arraycopy(v, 0, all, at, v.length);
      at += v.length;
    }
    return all;
  }
}
