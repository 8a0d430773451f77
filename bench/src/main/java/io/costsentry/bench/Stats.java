package io.costsentry.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a set of latencies measured in nanoseconds. */
record Stats(int count, int errors, long p50Nanos, long p99Nanos, long maxNanos, double perSecond) {

  static Stats of(long[] nanos, int errors, long wallNanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Stats(
        sorted.length,
        errors,
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1],
        wallNanos <= 0 ? 0 : sorted.length * 1e9 / wallNanos);
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  static String signedMs(long nanos) {
    return String.format(Locale.ROOT, "%+.2f", nanos / 1e6);
  }
}
