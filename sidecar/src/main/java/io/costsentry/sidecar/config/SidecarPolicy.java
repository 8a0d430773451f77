package io.costsentry.sidecar.config;

import io.costsentry.core.policy.PolicySet;
import java.util.Map;
import java.util.Optional;

/**
 * What one sidecar enforces: the policies and, for its own cost center, the application inference
 * profile each alias is routed to (so the bill carries the cost center's tags).
 *
 * @param profileByAlias application inference profile ARN by alias name
 */
public record SidecarPolicy(PolicySet policies, Map<String, String> profileByAlias) {
  public static final SidecarPolicy EMPTY =
      new SidecarPolicy(new PolicySet(Map.of(), Map.of()), Map.of());

  public SidecarPolicy {
    profileByAlias = Map.copyOf(profileByAlias);
  }

  public static SidecarPolicy of(PolicySet policies) {
    return new SidecarPolicy(policies, Map.of());
  }

  public Optional<String> profileFor(String alias) {
    return Optional.ofNullable(profileByAlias.get(alias));
  }
}
