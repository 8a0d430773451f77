package io.costsentry.core.config;

import io.costsentry.core.config.PolicySnapshot.Route;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link PolicyStore} in one process's memory, with the same names, validation and semantics as
 * {@link DynamoDbPolicyStore}: for tests and for running the operator without DynamoDB.
 * Thread-safe; {@link #read()} sees every write that returned before it.
 */
public final class InMemoryPolicyStore implements PolicyStore {
  private final Map<String, String> aliases = new HashMap<>();
  private final Map<String, String> budgets = new HashMap<>();
  private final Map<Route, String> routes = new HashMap<>();

  @Override
  public void putAlias(String name, String manifestJson) {
    PolicyRecords.aliasKey(name);
    String manifest = PolicyRecords.manifest(manifestJson);
    synchronized (this) {
      aliases.put(name, manifest);
    }
  }

  @Override
  public void deleteAlias(String name) {
    PolicyRecords.aliasKey(name);
    synchronized (this) {
      aliases.remove(name);
    }
  }

  @Override
  public void putBudget(String name, String manifestJson) {
    PolicyRecords.budgetKey(name);
    String manifest = PolicyRecords.manifest(manifestJson);
    synchronized (this) {
      budgets.put(name, manifest);
    }
  }

  @Override
  public void deleteBudget(String name) {
    PolicyRecords.budgetKey(name);
    synchronized (this) {
      budgets.remove(name);
    }
  }

  @Override
  public void putRoute(String costCenter, String alias, String inferenceProfileArn) {
    PolicyRecords.routeKey(costCenter, alias);
    String arn = PolicyRecords.profileArn(inferenceProfileArn);
    synchronized (this) {
      routes.put(new Route(costCenter, alias), arn);
    }
  }

  @Override
  public void deleteRoute(String costCenter, String alias) {
    PolicyRecords.routeKey(costCenter, alias);
    synchronized (this) {
      routes.remove(new Route(costCenter, alias));
    }
  }

  @Override
  public synchronized PolicySnapshot read() {
    return new PolicySnapshot(aliases, budgets, routes);
  }
}
