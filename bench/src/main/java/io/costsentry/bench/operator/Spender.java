package io.costsentry.bench.operator;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.Hold;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.policy.Period;
import io.costsentry.operator.budget.UsageReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sidecar traffic, roughly: settles a small cost into the Day cost counter of each active budget
 * once per {@code every}, spread evenly over that period, through its own ledger client (not
 * counted as operator calls). A budget whose usage moved gets a new status at its next refresh,
 * which is what makes status writes happen in steady state.
 */
final class Spender implements AutoCloseable {
  private static final long RESERVE_MICROS = 5_000; // $0.005 reserved
  private static final long ACTUAL_MICROS = 2_000; // $0.002 settled
  private static final long NO_LIMIT = Long.MAX_VALUE / 4;
  private static final Duration TICK = Duration.ofMillis(250);

  private final Ledger ledger;
  private final List<String> costCenters;
  private final Duration every;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile Thread thread;

  Spender(Ledger ledger, List<String> costCenters, Duration every) {
    this.ledger = ledger;
    this.costCenters = List.copyOf(costCenters);
    this.every = every;
  }

  void start() {
    if (costCenters.isEmpty()) {
      return;
    }
    thread = Thread.ofPlatform().daemon().name("bench-spender").start(this::run);
  }

  /** Simulated requests settled so far (each one reserve and one settle write). */
  long requests() {
    return requests.get();
  }

  long failures() {
    return failures.get();
  }

  private void run() {
    long ticksPerRound = Math.max(1, every.toMillis() / TICK.toMillis());
    long tick = 0;
    long next = System.nanoTime();
    while (!Thread.currentThread().isInterrupted()) {
      for (int i = 0; i < costCenters.size(); i++) {
        if (i % ticksPerRound == tick % ticksPerRound) {
          spend(costCenters.get(i));
        }
      }
      tick++;
      next += TICK.toNanos();
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        try {
          Thread.sleep(Duration.ofNanos(sleep));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void spend(String costCenter) {
    Instant now = Instant.now();
    CounterKey key =
        new CounterKey(
            UsageReader.counterId(costCenter, OperatorFixtures.DAILY_COST),
            Period.DAY.windowAt(now, ZoneOffset.UTC));
    Hold hold =
        new Hold(
            "bench-" + costCenter + "-" + requests.incrementAndGet(),
            RESERVE_MICROS,
            now.plusSeconds(600));
    try {
      if (ledger.reserve(key, hold, NO_LIMIT)) {
        ledger.settle(key, hold, ACTUAL_MICROS);
      }
    } catch (RuntimeException e) {
      failures.incrementAndGet();
    }
  }

  @Override
  public void close() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
