package io.costsentry.core.budget;

import io.costsentry.core.ledger.LedgerUnavailableException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ledger writes that must not be lost (settlements, releases, replays of FailOpen requests)
 * off the request path, retrying each until the ledger takes it. Every write is idempotent (named
 * by its hold id), so retrying after an ambiguous failure never counts twice.
 */
public final class LedgerWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  public LedgerWriter(Duration initialBackoff, Duration maxBackoff) {
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  public LedgerWriter() {
    this(Duration.ofMillis(50), Duration.ofSeconds(15));
  }

  /** Writes {@code what} now and retries it in the background while the ledger is unreachable. */
  public void submit(String description, Runnable write) {
    pending.incrementAndGet();
    executor.execute(() -> runUntilWritten(description, write));
  }

  private void runUntilWritten(String description, Runnable write) {
    long backoffMillis = initialBackoff.toMillis();
    try {
      while (true) {
        try {
          write.run();
          return;
        } catch (LedgerUnavailableException e) {
          retries.incrementAndGet();
          log.warn(
              "ledger unavailable, will retry {} in {} ms: {}",
              description,
              backoffMillis,
              e.getMessage());
          Thread.sleep(backoffMillis);
          backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("shutting down with {} unwritten: usage not recorded", description);
    } catch (RuntimeException e) {
      log.error("ledger write {} failed permanently", description, e);
    } finally {
      pending.decrementAndGet();
    }
  }

  /** Writes submitted and not yet taken by the ledger. */
  public long pending() {
    return pending.get();
  }

  /** Attempts that failed because the ledger was unreachable, since start. */
  public long retries() {
    return retries.get();
  }

  /** Waits up to {@code timeout} for pending writes, then stops. */
  public boolean drain(Duration timeout) throws InterruptedException {
    executor.shutdown();
    boolean done = executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      log.error("{} ledger writes still pending at shutdown", pending.get());
      executor.shutdownNow();
    }
    return done;
  }

  @Override
  public void close() {
    try {
      drain(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
