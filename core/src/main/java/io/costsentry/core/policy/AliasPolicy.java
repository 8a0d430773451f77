package io.costsentry.core.policy;

import io.costsentry.core.pricing.Pricing;
import java.util.List;
import java.util.Objects;

/**
 * A model alias: the name apps use, the model it stands for, its prices and global limits.
 *
 * @param modelId foundation model id, system inference profile id, or ARN
 * @param pricingSource where {@code pricing} came from ({@code builtin} or {@code manifest})
 * @param maxOutputTokens ceiling on a request's maxTokens, or {@code null}
 */
public record AliasPolicy(
    String name,
    String modelId,
    Pricing pricing,
    String pricingSource,
    ModelDefaults defaults,
    Integer maxOutputTokens,
    List<LimitPolicy> limits) {
  public AliasPolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(pricing, "pricing");
    defaults = defaults == null ? ModelDefaults.NONE : defaults;
    limits = List.copyOf(limits == null ? List.of() : limits);
  }
}
