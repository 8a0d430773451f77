package io.costsentry.core.budget;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.Hold;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.ledger.LedgerUnavailableException;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.FailurePolicy;
import io.costsentry.core.pricing.Pricing;
import io.costsentry.core.pricing.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves an upper bound of a request's cost on every limit that applies before it is forwarded,
 * then settles the actual usage or releases the holds.
 *
 * <p>Holds on several limits are taken concurrently, so the request path waits for one ledger round
 * trip whatever the number of limits. If any enforced limit would be crossed, the holds already
 * taken are released and the request is denied: since each hold is an upper bound, the actual usage
 * of approved requests can never add up past a limit.
 */
public final class BudgetEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BudgetEngine.class);

  private final Ledger ledger;
  private final LedgerWriter writer;
  private final Clock clock;
  private final Duration holdTtl;
  private final ThresholdTracker thresholds;
  private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<CounterKey> touched = ConcurrentHashMap.newKeySet();

  public BudgetEngine(
      Ledger ledger,
      LedgerWriter writer,
      Clock clock,
      Duration holdTtl,
      ThresholdListener listener) {
    this.ledger = ledger;
    this.writer = writer;
    this.clock = clock;
    this.holdTtl = holdTtl;
    this.thresholds = new ThresholdTracker(ledger, listener, clock, Duration.ofSeconds(1));
  }

  private enum Outcome {
    GRANTED,
    DENIED,
    UNAVAILABLE
  }

  private record Attempt(ApplicableLimit limit, Hold hold, Outcome outcome, long committed) {}

  /** Reserves the request's upper bound on every applicable limit, or says why not. */
  public Decision reserve(BudgetPolicy budget, RequestFacts facts) {
    Pricing pricing = facts.alias().pricing();
    Instant expires = clock.instant().plus(holdTtl);
    List<ApplicableLimit> limits = LimitResolver.applicable(budget, facts);
    List<Hold> holds = new ArrayList<>(limits.size());
    for (int i = 0; i < limits.size(); i++) {
      long bound = limits.get(i).upperBound(facts.inputBound(), facts.outputBound(), pricing);
      holds.add(new Hold(facts.requestId() + "-" + i, bound, expires));
    }
    List<Attempt> attempts = attemptAll(limits, holds);

    Attempt denied =
        attempts.stream().filter(a -> a.outcome() == Outcome.DENIED).findFirst().orElse(null);
    boolean unavailable = attempts.stream().anyMatch(a -> a.outcome() == Outcome.UNAVAILABLE);
    if (denied != null || (unavailable && budget.failurePolicy() == FailurePolicy.FAIL_CLOSED)) {
      attempts.stream()
          .filter(a -> a.outcome() == Outcome.GRANTED)
          .forEach(a -> releaseHold(a.limit().key(), a.hold()));
      if (denied != null) {
        return new Decision.Denied(
            new Denial(
                denied.limit(),
                denied.committed(),
                denied.hold().amount(),
                denied.limit().key().window()));
      }
      return new Decision.LedgerUnavailable(
          budget.name(),
          "the budget ledger is unreachable and budget '" + budget.name() + "' is FailClosed");
    }
    List<HeldLimit> held =
        attempts.stream()
            .map(a -> new HeldLimit(a.limit(), a.hold(), a.outcome() == Outcome.GRANTED))
            .toList();
    return new Decision.Approved(new Reservation(facts.requestId(), pricing, held));
  }

  private List<Attempt> attemptAll(List<ApplicableLimit> limits, List<Hold> holds) {
    if (limits.size() == 1) {
      return List.of(attempt(limits.get(0), holds.get(0)));
    }
    List<CompletableFuture<Attempt>> futures = new ArrayList<>(limits.size());
    for (int i = 0; i < limits.size(); i++) {
      ApplicableLimit limit = limits.get(i);
      Hold hold = holds.get(i);
      futures.add(CompletableFuture.supplyAsync(() -> attempt(limit, hold), parallel));
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private Attempt attempt(ApplicableLimit limit, Hold hold) {
    CounterKey key = limit.key();
    long ceiling = limit.policy().amount();
    touched.add(key);
    try {
      if (!limit.enforced()) {
        ledger.forceReserve(key, hold, ceiling);
        return new Attempt(limit, hold, Outcome.GRANTED, 0);
      }
      if (ledger.reserve(key, hold, ceiling)) {
        return new Attempt(limit, hold, Outcome.GRANTED, 0);
      }
      // Holds of requests whose sidecar died may be what fills the window: reclaim and retry once.
      if (ledger.reclaimExpired(key, clock.instant()) > 0 && ledger.reserve(key, hold, ceiling)) {
        return new Attempt(limit, hold, Outcome.GRANTED, 0);
      }
      return new Attempt(limit, hold, Outcome.DENIED, ledger.read(key).committed());
    } catch (LedgerUnavailableException e) {
      log.warn("ledger unavailable while reserving {}: {}", key.counterId(), e.getMessage());
      return new Attempt(limit, hold, Outcome.UNAVAILABLE, 0);
    }
  }

  /**
   * Replaces each hold with the request's actual usage. Runs in the background and is retried until
   * the ledger takes it; holds that could not be written at reserve time are written first.
   */
  public void settle(Reservation reservation, TokenUsage actual, List<Integer> alertThresholds) {
    for (HeldLimit held : reservation.holds()) {
      ApplicableLimit limit = held.limit();
      long amount = limit.actual(actual, reservation.pricing());
      writer.submit(
          "settlement of " + held.hold().id() + " on " + limit.key().counterId(),
          () -> {
            if (!held.recorded()) {
              ledger.forceReserve(limit.key(), held.hold(), limit.policy().amount());
            }
            ledger.settle(limit.key(), held.hold(), amount);
            if (limit.owner().kind() == LimitOwner.Kind.BUDGET) {
              thresholds.check(limit, alertThresholds);
            }
          });
    }
  }

  /** Gives back the holds of a request that was not served (upstream failure, bad request). */
  public void release(Reservation reservation) {
    for (HeldLimit held : reservation.holds()) {
      if (held.recorded()) {
        releaseHold(held.limit().key(), held.hold());
      }
    }
  }

  private void releaseHold(CounterKey key, Hold hold) {
    writer.submit(
        "release of " + hold.id() + " on " + key.counterId(), () -> ledger.release(key, hold));
  }

  /**
   * Releases expired holds on the counters this engine has used: holds of requests whose sidecar
   * died between reserve and settle. Counters of windows that ended more than a hold lifetime ago
   * are forgotten.
   *
   * @return the number of holds released
   */
  public int reclaimExpiredHolds() {
    Instant now = clock.instant();
    int released = 0;
    for (CounterKey key : touched) {
      if (key.window().end().plus(holdTtl).isBefore(now)) {
        touched.remove(key);
        continue;
      }
      try {
        released += ledger.reclaimExpired(key, now);
      } catch (LedgerUnavailableException e) {
        log.debug("cannot reclaim holds on {} now: {}", key.counterId(), e.getMessage());
      }
    }
    return released;
  }

  @Override
  public void close() {
    parallel.close();
  }
}
