package io.costsentry.sidecar.proxy;

import io.costsentry.core.budget.BudgetEngine;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.core.usage.UsageDimensions;
import io.costsentry.core.usage.UsageRecorder;
import java.util.Optional;

/**
 * Step 4 of the request path: replace the reservation with what Bedrock billed, or give it back
 * when nothing was billed. When a reply that was billed carries no usage, the upper bound is kept:
 * an over-count, never an under-count.
 */
public final class Settlement {
  private final BudgetEngine engine;
  private final UsageRecorder usage;

  public Settlement(BudgetEngine engine) {
    this(engine, UsageRecorder.NONE);
  }

  /**
   * @param usage also takes every billed request into the daily usage rollup reports read
   */
  public Settlement(BudgetEngine engine, UsageRecorder usage) {
    this.engine = engine;
    this.usage = usage;
  }

  /** Bedrock answered with usage, or (empty) answered successfully without saying what it cost. */
  public void billed(RequestTrace trace, Admitted admitted, Optional<TokenUsage> usage) {
    TokenUsage billed = usage.orElseGet(() -> upperBoundUsage(admitted));
    long costMicros = admitted.alias().pricing().costMicros(billed);
    trace.billed(billed, usage.isPresent() ? "response" : "upper-bound", costMicros);
    engine.settle(admitted.reservation(), billed, admitted.budget().alertThresholds());
    this.usage.record(
        trace.timestamp(),
        new UsageDimensions(
            trace.identity().costCenter(),
            trace.applicationId(),
            trace.environment(),
            admitted.alias().name()),
        billed,
        costMicros);
  }

  /** Bedrock refused or never saw the request: nothing was billed. */
  public void notBilled(Admitted admitted) {
    engine.release(admitted.reservation());
  }

  /**
   * Settling at the upper bound must charge every limit exactly its hold, so the input side is
   * priced as the dearest input-side token (cache write) like the reservation was.
   */
  private static TokenUsage upperBoundUsage(Admitted admitted) {
    var pricing = admitted.alias().pricing();
    long input = admitted.request().inputBound();
    long output = admitted.request().outputBound();
    boolean cacheWriteDearest =
        pricing.cacheWritePerMillion().compareTo(pricing.inputPerMillion()) > 0
            && pricing.cacheWritePerMillion().compareTo(pricing.cacheReadPerMillion()) >= 0;
    boolean cacheReadDearest =
        pricing.cacheReadPerMillion().compareTo(pricing.inputPerMillion()) > 0
            && pricing.cacheReadPerMillion().compareTo(pricing.cacheWritePerMillion()) > 0;
    if (cacheWriteDearest) {
      return new TokenUsage(0, output, 0, input);
    }
    if (cacheReadDearest) {
      return new TokenUsage(0, output, input, 0);
    }
    return new TokenUsage(input, output, 0, 0);
  }
}
