package io.costsentry.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Closed-loop load: a fixed number of calls in flight until a fixed number have completed. */
final class Load {
  private Load() {}

  /** One call; its future completes with the latency it measured, in nanoseconds. */
  interface Call extends Supplier<CompletableFuture<Long>> {}

  /** A run's latencies and its wall time. */
  record Run(Recorder recorder, long wallNanos) {}

  static Run closedLoop(int concurrency, int total, Call call) throws InterruptedException {
    Recorder recorder = new Recorder(total);
    AtomicInteger issued = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    for (int i = 0; i < Math.min(concurrency, total); i++) {
      issue(call, recorder, issued, total, done);
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("load did not finish: " + done.getCount() + " calls left");
    }
    return new Run(recorder, System.nanoTime() - start);
  }

  private static void issue(
      Call call, Recorder recorder, AtomicInteger issued, int total, CountDownLatch done) {
    if (issued.getAndIncrement() >= total) {
      return;
    }
    CompletableFuture<Long> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete(
        (latency, error) -> {
          if (error != null) {
            recorder.error(error);
          } else {
            recorder.record(latency);
          }
          done.countDown();
          issue(call, recorder, issued, total, done);
        });
  }

  /**
   * Measures two paths at the same concurrency in alternating rounds (a-b, b-a, ...), so drift of a
   * shared machine affects both; returns the merged statistics of {@code a} then {@code b}.
   */
  static Stats[] alternating(
      int concurrency, int perSide, int rounds, Call a, Call b, Runnable afterRound)
      throws InterruptedException {
    Recorder[] ra = new Recorder[rounds];
    Recorder[] rb = new Recorder[rounds];
    long wallA = 0;
    long wallB = 0;
    int perRound = Math.max(concurrency, perSide / rounds);
    for (int r = 0; r < rounds; r++) {
      Run runA;
      Run runB;
      if (r % 2 == 0) {
        runA = closedLoop(concurrency, perRound, a);
        runB = closedLoop(concurrency, perRound, b);
      } else {
        runB = closedLoop(concurrency, perRound, b);
        runA = closedLoop(concurrency, perRound, a);
      }
      ra[r] = runA.recorder();
      rb[r] = runB.recorder();
      wallA += runA.wallNanos();
      wallB += runB.wallNanos();
      afterRound.run();
    }
    LatencyBench.report(ra);
    LatencyBench.report(rb);
    return new Stats[] {
      Stats.of(Recorder.merge(ra), errors(ra), wallA),
      Stats.of(Recorder.merge(rb), errors(rb), wallB)
    };
  }

  private static int errors(Recorder[] runs) {
    int n = 0;
    for (Recorder r : runs) {
      n += r.errors();
    }
    return n;
  }
}
