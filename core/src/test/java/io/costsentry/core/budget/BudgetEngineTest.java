package io.costsentry.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.ledger.CounterState;
import io.costsentry.core.ledger.InMemoryLedger;
import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.Enforcement;
import io.costsentry.core.policy.FailurePolicy;
import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.LimitScope;
import io.costsentry.core.policy.ModelDefaults;
import io.costsentry.core.policy.Period;
import io.costsentry.core.pricing.Pricing;
import io.costsentry.core.pricing.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BudgetEngineTest {
  private static final Pricing PRICING = Pricing.of("1", "2", "0.1", "1.25");
  private final InMemoryLedger memory = new InMemoryLedger();
  private final SwitchableLedger ledger = new SwitchableLedger(memory);
  private final LedgerWriter writer = new LedgerWriter(Duration.ofMillis(5), Duration.ofMillis(20));
  private final List<String> alerts = new ArrayList<>();
  private final BudgetEngine engine =
      new BudgetEngine(
          ledger,
          writer,
          Clock.systemUTC(),
          Duration.ofMinutes(15),
          (limit, threshold, state) -> alerts.add(limit.policy().name() + "@" + threshold));

  @AfterEach
  void stop() {
    engine.close();
    writer.close();
  }

  private static LimitPolicy limit(String name, Period period, LimitMetric metric, long amount) {
    return new LimitPolicy(name, period, ZoneOffset.UTC, metric, amount, LimitScope.ALL);
  }

  private static AliasPolicy alias(LimitPolicy... limits) {
    return new AliasPolicy(
        "haiku",
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        PRICING,
        "manifest",
        ModelDefaults.NONE,
        null,
        List.of(limits));
  }

  private static BudgetPolicy budget(
      Enforcement mode, FailurePolicy failure, LimitPolicy... limits) {
    return new BudgetPolicy("support", "support", mode, failure, List.of(limits), List.of());
  }

  private static RequestFacts facts(AliasPolicy alias, long in, long out) {
    return new RequestFacts(
        UUID.randomUUID().toString(), "support", "chat", "dev", alias, in, out, Instant.now());
  }

  private CounterState counter(Decision.Approved approved, int index) {
    return memory.read(approved.reservation().holds().get(index).limit().key());
  }

  @Test
  void approvedRequestHoldsItsUpperBoundUntilSettledWithTheActualUsage() {
    var budget =
        budget(
            Enforcement.ENFORCE,
            FailurePolicy.FAIL_CLOSED,
            limit("tokens", Period.DAY, LimitMetric.TOTAL_TOKENS, 1_000));
    var approved = (Decision.Approved) engine.reserve(budget, facts(alias(), 100, 200));
    assertThat(counter(approved, 0).committed()).isEqualTo(300);

    engine.settle(approved.reservation(), new TokenUsage(40, 60, 0, 0), budget.alertThresholds());
    await().until(() -> writer.pending() == 0);
    assertThat(counter(approved, 0)).isEqualTo(new CounterState(100, 100, 1, java.util.Map.of()));
  }

  @Test
  void requestThatWouldCrossAnEnforcedLimitIsDeniedAndHoldsNothing() {
    var budget =
        budget(
            Enforcement.ENFORCE,
            FailurePolicy.FAIL_CLOSED,
            limit("tokens", Period.MINUTE, LimitMetric.TOTAL_TOKENS, 1_000),
            limit("cost", Period.MONTH, LimitMetric.COST_USD, 1_000_000));
    var first = (Decision.Approved) engine.reserve(budget, facts(alias(), 400, 400));
    Decision second = engine.reserve(budget, facts(alias(), 100, 150));

    assertThat(second).isInstanceOf(Decision.Denied.class);
    Denial denial = ((Decision.Denied) second).denial();
    assertThat(denial.limit().policy().name()).isEqualTo("tokens");
    assertThat(denial.committed()).isEqualTo(800);
    assertThat(denial.requested()).isEqualTo(250);
    assertThat(denial.message())
        .contains(
            "budget 'support'",
            "limit 'tokens'",
            "maxTotalTokens 1000 tokens per Minute",
            "800 tokens used or reserved",
            "resets at");
    // the cost hold taken for the denied request is given back
    await().until(() -> writer.pending() == 0);
    assertThat(counter(first, 1).committed()).isEqualTo(PRICING.upperBoundMicros(400, 400));
  }

  @Test
  void monitorModeCountsButNeverDenies() {
    var budget =
        budget(
            Enforcement.MONITOR,
            FailurePolicy.FAIL_CLOSED,
            limit("tokens", Period.DAY, LimitMetric.TOTAL_TOKENS, 100));
    Decision d1 = engine.reserve(budget, facts(alias(), 80, 80));
    Decision d2 = engine.reserve(budget, facts(alias(), 80, 80));
    assertThat(d1).isInstanceOf(Decision.Approved.class);
    assertThat(d2).isInstanceOf(Decision.Approved.class);
    assertThat(counter((Decision.Approved) d2, 0).committed()).isEqualTo(320);
  }

  @Test
  void monitorModeStillRaisesAlertsWhenThresholdsAreCrossed() {
    var budget =
        new BudgetPolicy(
            "support",
            "support",
            Enforcement.MONITOR,
            FailurePolicy.FAIL_OPEN,
            List.of(limit("tokens", Period.DAY, LimitMetric.TOTAL_TOKENS, 100)),
            List.of(50, 80, 100));
    var approved = (Decision.Approved) engine.reserve(budget, facts(alias(), 10, 10));
    engine.settle(approved.reservation(), new TokenUsage(60, 30, 0, 0), budget.alertThresholds());
    await().until(() -> alerts.size() == 2);
    assertThat(alerts).containsExactly("tokens@50", "tokens@80");
  }

  @Test
  void aliasLimitsAreEnforcedEvenForMonitorBudgets() {
    var alias = alias(limit("model-tpm", Period.MINUTE, LimitMetric.INPUT_TOKENS, 100));
    var budget = budget(Enforcement.MONITOR, FailurePolicy.FAIL_CLOSED);
    assertThat(engine.reserve(budget, facts(alias, 90, 10))).isInstanceOf(Decision.Approved.class);
    Decision denied = engine.reserve(budget, facts(alias, 20, 10));
    assertThat(denied).isInstanceOf(Decision.Denied.class);
    assertThat(((Decision.Denied) denied).denial().limit().owner())
        .isEqualTo(LimitOwner.alias("haiku"));
  }

  @Test
  void scopedLimitAppliesOnlyToMatchingRequests() {
    var scoped =
        new LimitPolicy(
            "batch-only",
            Period.DAY,
            ZoneOffset.UTC,
            LimitMetric.TOTAL_TOKENS,
            10,
            new LimitScope(null, "batch", null));
    var budget = budget(Enforcement.ENFORCE, FailurePolicy.FAIL_CLOSED, scoped);
    // facts() are for application "chat": the limit does not apply
    var approved = (Decision.Approved) engine.reserve(budget, facts(alias(), 100, 100));
    assertThat(approved.reservation().holds()).isEmpty();
  }

  @Test
  void failClosedRefusesWhileTheLedgerIsDown() {
    ledger.down(true);
    var budget =
        budget(
            Enforcement.ENFORCE,
            FailurePolicy.FAIL_CLOSED,
            limit("tokens", Period.DAY, LimitMetric.TOTAL_TOKENS, 1_000));
    assertThat(engine.reserve(budget, facts(alias(), 1, 1)))
        .isInstanceOf(Decision.LedgerUnavailable.class);
  }

  @Test
  void failOpenLetsRequestsThroughAndRecordsTheirUsageOnceTheLedgerIsBack() {
    var budget =
        budget(
            Enforcement.ENFORCE,
            FailurePolicy.FAIL_OPEN,
            limit("tokens", Period.DAY, LimitMetric.TOTAL_TOKENS, 1_000));
    ledger.down(true);
    var approved = (Decision.Approved) engine.reserve(budget, facts(alias(), 10, 10));
    assertThat(approved.reservation().unrecorded()).isTrue();
    engine.settle(approved.reservation(), new TokenUsage(7, 3, 0, 0), List.of());
    assertThat(writer.pending()).isEqualTo(1);
    await().until(() -> writer.retries() > 0); // the settlement was tried and is waiting

    ledger.down(false);
    await().until(() -> writer.pending() == 0);
    assertThat(counter(approved, 0)).isEqualTo(new CounterState(10, 10, 1, java.util.Map.of()));
  }

  /** Invariant: a crash between reserve and settle over-counts, never under-counts. */
  @Test
  void aRequestThatNeverSettlesKeepsItsHoldUntilItExpires() {
    var budget =
        budget(
            Enforcement.ENFORCE,
            FailurePolicy.FAIL_CLOSED,
            limit("tokens", Period.MONTH, LimitMetric.TOTAL_TOKENS, 1_000));
    var approved = (Decision.Approved) engine.reserve(budget, facts(alias(), 100, 100));
    // the sidecar dies here: no settle, no release
    assertThat(engine.reclaimExpiredHolds()).isZero();
    assertThat(counter(approved, 0).committed()).isEqualTo(200);
    assertThat(counter(approved, 0).holds()).hasSize(1);
  }

  @Test
  void expiredHoldsOfDeadRequestsAreReclaimedWhenTheyBlockANewOne() {
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(30));
    var budget =
        budget(
            Enforcement.ENFORCE,
            FailurePolicy.FAIL_CLOSED,
            limit("tokens", Period.MONTH, LimitMetric.TOTAL_TOKENS, 100));
    // a request reserves and its sidecar dies: never settled nor released
    engine.reserve(budget, facts(alias(), 50, 50));
    try (var laterEngine =
        new BudgetEngine(ledger, writer, later, Duration.ofMinutes(15), ThresholdListener.NONE)) {
      assertThat(laterEngine.reserve(budget, facts(alias(), 50, 50)))
          .isInstanceOf(Decision.Approved.class);
    }
  }

  /** Invariant: no overshoot in Enforce mode, whatever the concurrency. */
  @Test
  void concurrentRequestsNeverSettleMoreThanTheLimit() throws Exception {
    long limitTokens = 5_000;
    var budget =
        budget(
            Enforcement.ENFORCE,
            FailurePolicy.FAIL_CLOSED,
            limit("tokens", Period.DAY, LimitMetric.TOTAL_TOKENS, limitTokens));
    AtomicLong actualApproved = new AtomicLong();
    ConcurrentLinkedQueue<Decision.Approved> approved = new ConcurrentLinkedQueue<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 400; i++) {
        pool.execute(
            () -> {
              var random = ThreadLocalRandom.current();
              long in = random.nextLong(1, 100);
              long out = random.nextLong(1, 100);
              if (engine.reserve(budget, facts(alias(), in, out)) instanceof Decision.Approved a) {
                approved.add(a);
                // the actual usage is anything up to the bound
                TokenUsage actual =
                    new TokenUsage(random.nextLong(0, in + 1), random.nextLong(0, out + 1), 0, 0);
                actualApproved.addAndGet(actual.total());
                engine.settle(a.reservation(), actual, List.of());
              }
            });
      }
    }
    await().until(() -> writer.pending() == 0);
    CounterState state = counter(approved.peek(), 0);
    assertThat(actualApproved.get()).isLessThanOrEqualTo(limitTokens);
    assertThat(state.used()).isEqualTo(actualApproved.get());
    assertThat(state.holds()).isEmpty();
    assertThat(state.requests()).isEqualTo(approved.size());
  }

  @Test
  void releasedReservationGivesItsRoomBack() {
    var budget =
        budget(
            Enforcement.ENFORCE,
            FailurePolicy.FAIL_CLOSED,
            limit("tokens", Period.DAY, LimitMetric.TOTAL_TOKENS, 100));
    var approved = (Decision.Approved) engine.reserve(budget, facts(alias(), 50, 50));
    engine.release(approved.reservation());
    await().until(() -> writer.pending() == 0);
    assertThat(counter(approved, 0)).isEqualTo(CounterState.EMPTY);
    assertThat(engine.reserve(budget, facts(alias(), 50, 50)))
        .isInstanceOf(Decision.Approved.class);
  }
}
