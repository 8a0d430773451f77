package io.costsentry.core.config;

import java.util.Map;

/**
 * The records of a {@link PolicyStore} at one moment.
 *
 * @param aliases ModelAlias manifest JSON by alias name
 * @param budgets CostCenterBudget manifest JSON by budget name
 * @param routes application inference profile ARN by route
 */
public record PolicySnapshot(
    Map<String, String> aliases, Map<String, String> budgets, Map<Route, String> routes) {
  public static final PolicySnapshot EMPTY = new PolicySnapshot(Map.of(), Map.of(), Map.of());

  public PolicySnapshot {
    aliases = Map.copyOf(aliases);
    budgets = Map.copyOf(budgets);
    routes = Map.copyOf(routes);
  }

  /** Requests of {@code costCenter} for {@code alias} go to one application inference profile. */
  public record Route(String costCenter, String alias) {}
}
