package io.costsentry.core.budget;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.pricing.Pricing;
import io.costsentry.core.pricing.TokenUsage;

/**
 * A limit that applies to one request, bound to the counter of the window the request falls in.
 *
 * @param enforced {@code false} for Monitor-mode budgets: counted, never denied
 */
public record ApplicableLimit(
    LimitOwner owner, String counterScope, LimitPolicy policy, CounterKey key, boolean enforced) {

  /** The request's upper bound in this limit's unit (micro-USD or tokens). */
  public long upperBound(long inputBound, long outputBound, Pricing pricing) {
    return switch (policy.metric()) {
      case COST_USD -> pricing.upperBoundMicros(inputBound, outputBound);
      case INPUT_TOKENS -> inputBound;
      case OUTPUT_TOKENS -> outputBound;
      case TOTAL_TOKENS -> inputBound + outputBound;
    };
  }

  /** The actual usage in this limit's unit. Input-token limits count cached tokens too. */
  public long actual(TokenUsage usage, Pricing pricing) {
    return amountOf(policy.metric(), usage, pricing);
  }

  static long amountOf(LimitMetric metric, TokenUsage usage, Pricing pricing) {
    return switch (metric) {
      case COST_USD -> pricing.costMicros(usage);
      case INPUT_TOKENS -> usage.allInput();
      case OUTPUT_TOKENS -> usage.output();
      case TOTAL_TOKENS -> usage.total();
    };
  }
}
