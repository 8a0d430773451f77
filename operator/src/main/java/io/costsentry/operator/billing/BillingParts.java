package io.costsentry.operator.billing;

import io.costsentry.core.ledger.Ledger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS clients the enabled billing features need, and the {@link Billing} on them: a client is
 * built only for a feature that is on (Cost Explorer for tags or billed cost, Budgets with an
 * account id, CloudWatch for the dashboard).
 */
public final class BillingParts implements AutoCloseable {
  private final Billing billing;
  private final List<AutoCloseable> clients;

  private BillingParts(Billing billing, List<AutoCloseable> clients) {
    this.billing = billing;
    this.clients = clients;
  }

  public static BillingParts create(BillingConfig config, Ledger ledger, Clock clock) {
    List<AutoCloseable> clients = new ArrayList<>();
    AwsCostExplorer costExplorer = null;
    if (config.usesCostExplorer()) {
      costExplorer = AwsCostExplorer.create(config.costExplorerEndpoint());
      clients.add(costExplorer);
    }
    AwsBudgets budgets = null;
    if (config.accountId() != null) {
      budgets = AwsBudgets.create(config.budgetsEndpoint(), config.accountId());
      clients.add(budgets);
    }
    CloudWatchDashboards dashboards = null;
    if (config.dashboard()) {
      dashboards = CloudWatchDashboards.create(config.region(), config.cloudWatchEndpoint());
      clients.add(dashboards);
    }
    return new BillingParts(
        new Billing(config, costExplorer, budgets, dashboards, ledger, clock), clients);
  }

  public Billing billing() {
    return billing;
  }

  @Override
  public void close() {
    for (AutoCloseable client : clients) {
      try {
        client.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(BillingParts.class)
            .warn("closing {}: {}", client.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
