package io.costsentry.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.policy.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Ledger} must have, as the {@link Ledger} javadoc states it. Each
 * implementation's test extends this class; counters are named per test instance so that
 * implementations backed by a shared store need no cleanup between tests.
 */
public abstract class LedgerContract {
  protected static final Instant NOW = Instant.parse("2026-11-15T10:30:00Z");
  protected static final Window NOVEMBER =
      new Window(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
  protected static final Window DECEMBER =
      new Window(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));

  private final String run = UUID.randomUUID().toString();

  /** The ledger under test; the same instance for the whole test method. */
  protected abstract Ledger ledger();

  /** A counter no other test touches. */
  protected CounterKey counter(String name) {
    return counter(name, NOVEMBER);
  }

  protected CounterKey counter(String name, Window window) {
    return new CounterKey("budget#test-" + run + "#" + name, window);
  }

  protected static Hold hold(long amount) {
    return hold(amount, NOW.plus(Duration.ofMinutes(5)));
  }

  protected static Hold hold(long amount, Instant expiresAt) {
    return new Hold(UUID.randomUUID() + "#daily-cost", amount, expiresAt);
  }

  @Test
  void readOfANeverWrittenCounterIsEmpty() {
    assertThat(ledger().read(counter("untouched"))).isEqualTo(CounterState.EMPTY);
  }

  @Test
  void grantsAReservationWithinTheLimitAndShowsItAsAHold() {
    CounterKey key = counter("cost");
    Hold hold = hold(300);

    assertThat(ledger().reserve(key, hold, 1_000)).isTrue();

    CounterState state = ledger().read(key);
    assertThat(state.committed()).isEqualTo(300);
    assertThat(state.used()).isZero();
    assertThat(state.requests()).isZero();
    assertThat(state.holds()).containsOnlyKeys(hold.id());
    assertThat(state.holds().get(hold.id())).isEqualTo(hold);
  }

  @Test
  void grantsAReservationThatReachesTheLimitExactly() {
    CounterKey key = counter("cost");
    assertThat(ledger().reserve(key, hold(600), 1_000)).isTrue();

    assertThat(ledger().reserve(key, hold(400), 1_000)).isTrue();

    assertThat(ledger().read(key).committed()).isEqualTo(1_000);
  }

  @Test
  void deniesAReservationThatWouldCrossTheLimitAndRecordsNothing() {
    CounterKey key = counter("cost");
    ledger().reserve(key, hold(600), 1_000);
    Hold tooMuch = hold(401);

    assertThat(ledger().reserve(key, tooMuch, 1_000)).isFalse();

    CounterState state = ledger().read(key);
    assertThat(state.committed()).isEqualTo(600);
    assertThat(state.holds()).doesNotContainKey(tooMuch.id());
  }

  @Test
  void deniesAnAmountLargerThanTheLimitEvenOnAnEmptyCounter() {
    CounterKey key = counter("cost");

    assertThat(ledger().reserve(key, hold(1_001), 1_000)).isFalse();

    assertThat(ledger().read(key).committed()).isZero();
  }

  @Test
  void settleReplacesTheHoldWithAnActualBelowIt() {
    CounterKey key = counter("cost");
    Hold hold = hold(500);
    ledger().reserve(key, hold, 1_000);

    ledger().settle(key, hold, 120);

    assertThat(ledger().read(key)).isEqualTo(new CounterState(120, 120, 1, Map.of()));
  }

  @Test
  void settleRecordsAnActualAboveTheHold() {
    CounterKey key = counter("cost");
    Hold hold = hold(500);
    ledger().reserve(key, hold, 1_000);

    ledger().settle(key, hold, 700);

    CounterState state = ledger().read(key);
    assertThat(state.committed()).isEqualTo(700);
    assertThat(state.used()).isEqualTo(700);
    assertThat(state.holds()).isEmpty();
  }

  @Test
  void settlingTwiceCountsOnce() {
    CounterKey key = counter("cost");
    Hold hold = hold(500);
    ledger().reserve(key, hold, 1_000);

    ledger().settle(key, hold, 200);
    ledger().settle(key, hold, 200);

    assertThat(ledger().read(key)).isEqualTo(new CounterState(200, 200, 1, Map.of()));
  }

  @Test
  void releasingTwiceReleasesOnce() {
    CounterKey key = counter("cost");
    Hold kept = hold(300);
    Hold released = hold(500);
    ledger().reserve(key, kept, 1_000);
    ledger().reserve(key, released, 1_000);

    ledger().release(key, released);
    ledger().release(key, released);

    CounterState state = ledger().read(key);
    assertThat(state.committed()).isEqualTo(300);
    assertThat(state.holds()).containsOnlyKeys(kept.id());
  }

  @Test
  void settleOrReleaseOfAHoldThatWasNeverTakenChangesNothing() {
    CounterKey key = counter("cost");
    ledger().reserve(key, hold(100), 1_000);

    ledger().settle(key, hold(50), 50);
    ledger().release(key, hold(70));

    CounterState state = ledger().read(key);
    assertThat(state.committed()).isEqualTo(100);
    assertThat(state.used()).isZero();
    assertThat(state.requests()).isZero();
  }

  @Test
  void settleAfterAReleaseIsANoOp() {
    CounterKey key = counter("cost");
    Hold hold = hold(400);
    ledger().reserve(key, hold, 1_000);
    ledger().release(key, hold);

    ledger().settle(key, hold, 400);

    assertThat(ledger().read(key)).isEqualTo(new CounterState(0, 0, 0, Map.of()));
  }

  @Test
  void reservingTheSameHoldTwiceAddsOnce() {
    CounterKey key = counter("cost");
    Hold hold = hold(300);

    assertThat(ledger().reserve(key, hold, 1_000)).isTrue();
    assertThat(ledger().reserve(key, hold, 1_000)).isTrue();

    assertThat(ledger().read(key).committed()).isEqualTo(300);
  }

  @Test
  void aRetriedReserveIsGrantedAgainEvenWhenItsOwnHoldFilledTheCounter() {
    // The retry of a reserve whose response was lost: without the hold check it would be denied
    // (600 + 600 > 1000) and the request refused although its reservation stands.
    CounterKey key = counter("cost");
    Hold hold = hold(600);
    ledger().reserve(key, hold, 1_000);

    assertThat(ledger().reserve(key, hold, 1_000)).isTrue();

    assertThat(ledger().read(key).committed()).isEqualTo(600);
  }

  @Test
  void forceReserveIgnoresTheLimit() {
    CounterKey key = counter("cost");
    ledger().reserve(key, hold(900), 1_000);

    ledger().forceReserve(key, hold(500), 1_000);

    assertThat(ledger().read(key).committed()).isEqualTo(1_400);
    assertThat(ledger().reserve(key, hold(1), 1_000)).isFalse();
  }

  @Test
  void forceReserveIsIdempotent() {
    CounterKey key = counter("cost");
    Hold hold = hold(500);

    ledger().forceReserve(key, hold, 100);
    ledger().forceReserve(key, hold, 100);

    CounterState state = ledger().read(key);
    assertThat(state.committed()).isEqualTo(500);
    assertThat(state.holds()).containsOnlyKeys(hold.id());
  }

  @Test
  void releaseFreesRoomForLaterReservations() {
    CounterKey key = counter("cost");
    Hold first = hold(800);
    ledger().reserve(key, first, 1_000);
    assertThat(ledger().reserve(key, hold(500), 1_000)).isFalse();

    ledger().release(key, first);

    assertThat(ledger().reserve(key, hold(500), 1_000)).isTrue();
    assertThat(ledger().read(key).committed()).isEqualTo(500);
  }

  @Test
  void reclaimExpiredReleasesOnlyHoldsThatExpiredBeforeNow() {
    CounterKey key = counter("cost");
    Hold leaked = hold(300, NOW.minusSeconds(1));
    Hold alsoLeaked = hold(200, NOW.minus(Duration.ofHours(1)));
    Hold live = hold(100, NOW.plusSeconds(1));
    Hold expiringNow = hold(50, NOW);
    for (Hold h : List.of(leaked, alsoLeaked, live, expiringNow)) {
      ledger().reserve(key, h, 1_000);
    }

    assertThat(ledger().reclaimExpired(key, NOW)).isEqualTo(2);

    CounterState state = ledger().read(key);
    assertThat(state.committed()).isEqualTo(150);
    assertThat(state.holds()).containsOnlyKeys(live.id(), expiringNow.id());
    assertThat(ledger().reclaimExpired(key, NOW)).isZero();
  }

  @Test
  void settlingAReclaimedHoldIsANoOp() {
    CounterKey key = counter("cost");
    Hold hold = hold(300, NOW.minusSeconds(1));
    ledger().reserve(key, hold, 1_000);
    ledger().reclaimExpired(key, NOW);

    ledger().settle(key, hold, 250);

    assertThat(ledger().read(key).committed()).isZero();
  }

  @Test
  void reclaimExpiredOnANeverWrittenCounterReleasesNothing() {
    assertThat(ledger().reclaimExpired(counter("untouched"), NOW)).isZero();
  }

  @Test
  void windowsOfOneCounterAreIndependent() {
    CounterKey november = counter("cost", NOVEMBER);
    CounterKey december = counter("cost", DECEMBER);
    ledger().reserve(november, hold(1_000), 1_000);

    assertThat(ledger().reserve(december, hold(1_000), 1_000)).isTrue();

    assertThat(ledger().read(november).committed()).isEqualTo(1_000);
    assertThat(ledger().read(december).committed()).isEqualTo(1_000);
  }

  @Test
  void countersAreIndependent() {
    CounterKey cost = counter("cost");
    CounterKey tokens = counter("tokens");
    ledger().reserve(cost, hold(1_000), 1_000);

    assertThat(ledger().reserve(tokens, hold(1_000), 1_000)).isTrue();
    assertThat(ledger().reserve(cost, hold(1), 1_000)).isFalse();
  }

  @Test
  @Timeout(60)
  void concurrentReservationsNeverOvershootTheLimit() throws Exception {
    CounterKey key = counter("cost");
    long limit = 10_000;

    List<Hold> granted = reserveConcurrently(List.of(ledger()), key, limit, 16, 50);

    CounterState state = ledger().read(key);
    long grantedTotal = granted.stream().mapToLong(Hold::amount).sum();
    assertThat(state.committed()).isLessThanOrEqualTo(limit).isEqualTo(grantedTotal);
    assertThat(state.holds()).hasSameSizeAs(granted);
    // 800 random reservations of 1..100 ask for about 40 000: most are denied, none overshoots.
    assertThat(grantedTotal).isGreaterThan(limit - 100);
  }

  @Test
  @Timeout(60)
  void concurrentReservesSettlesAndReleasesKeepTheBooksBalanced() throws Exception {
    CounterKey key = counter("cost");
    long limit = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  long settledActual = 0;
                  long settledCount = 0;
                  long stillHeld = 0;
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < 40; i++) {
                    Hold hold = hold(random.nextLong(1, 101));
                    if (!ledger().reserve(key, hold, limit)) {
                      continue;
                    }
                    switch (random.nextInt(3)) {
                      case 0 -> {
                        long actual = random.nextLong(0, hold.amount() + 1);
                        ledger().settle(key, hold, actual);
                        settledActual += actual;
                        settledCount++;
                      }
                      case 1 -> ledger().release(key, hold);
                      default -> stillHeld += hold.amount();
                    }
                  }
                  return new long[] {settledActual, settledCount, stillHeld};
                }));
      }
      start.countDown();
      long settledActual = 0;
      long settledCount = 0;
      long stillHeld = 0;
      for (Future<long[]> result : results) {
        long[] r = result.get(50, TimeUnit.SECONDS);
        settledActual += r[0];
        settledCount += r[1];
        stillHeld += r[2];
      }

      CounterState state = ledger().read(key);
      assertThat(state.used()).isEqualTo(settledActual);
      assertThat(state.requests()).isEqualTo(settledCount);
      assertThat(state.committed()).isEqualTo(settledActual + stillHeld).isLessThanOrEqualTo(limit);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * {@code threads} threads, spread over {@code ledgers} (several sidecars), each try {@code
   * perThread} reservations of 1 to 100 at once against {@code limit}.
   *
   * @return the holds that were granted
   */
  protected static List<Hold> reserveConcurrently(
      List<Ledger> ledgers, CounterKey key, long limit, int threads, int perThread)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Hold>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Ledger ledger = ledgers.get(t % ledgers.size());
        Callable<List<Hold>> worker =
            () -> {
              start.await();
              List<Hold> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                Hold hold = hold(ThreadLocalRandom.current().nextLong(1, 101));
                if (ledger.reserve(key, hold, limit)) {
                  mine.add(hold);
                }
              }
              return mine;
            };
        results.add(pool.submit(worker));
      }
      start.countDown();
      List<Hold> granted = new ArrayList<>();
      for (Future<List<Hold>> result : results) {
        granted.addAll(result.get(50, TimeUnit.SECONDS));
      }
      return granted;
    } finally {
      pool.shutdownNow();
    }
  }
}
