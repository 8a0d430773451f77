package io.costsentry.operator.it;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.Hold;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.policy.Period;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.billing.AwsBudgets;
import io.costsentry.operator.billing.AwsCostExplorer;
import io.costsentry.operator.billing.Billing;
import io.costsentry.operator.billing.BillingConfig;
import io.costsentry.operator.billing.CloudWatchDashboards;
import io.costsentry.operator.budget.UsageReader;
import io.costsentry.operator.testing.MutableClock;
import io.costsentry.simulator.budgets.BudgetsSimulator;
import io.costsentry.simulator.cloudwatch.CloudWatchSimulator;
import io.costsentry.simulator.costexplorer.CostExplorerSimulator;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The Cost Explorer, Budgets and CloudWatch simulators behind the operator's real SDK adapters, and
 * the billing clock the tests move to make a refresh or a retry due.
 */
final class BillingSimulators implements AutoCloseable {
  static final Duration REFRESH = Duration.ofHours(24);
  static final Duration RETRY = Duration.ofHours(1);

  final CostExplorerSimulator costExplorer = CostExplorerSimulator.start();
  final BudgetsSimulator budgets = BudgetsSimulator.start();
  final CloudWatchSimulator cloudWatch = CloudWatchSimulator.start();

  /**
   * Mid-month, so that moving it by a refresh or two keeps the seeded days in the billed period
   * whatever today's date (the ledger's windows are keyed by the days written, not by today).
   */
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-15T08:00:00Z"));

  private AwsCostExplorer costExplorerClient;
  private AwsBudgets budgetsClient;
  private CloudWatchDashboards dashboardsClient;

  /** Every feature on, tolerance 10 % and 1 USD, dashboard "CostSentry". */
  Billing billing(Ledger ledger) {
    BillingConfig config =
        new BillingConfig(
            true,
            true,
            REFRESH,
            RETRY,
            null,
            null,
            BudgetsSimulator.ACCOUNT_ID,
            true,
            null,
            "us-east-1",
            costExplorer.endpoint(),
            budgets.endpoint(),
            cloudWatch.endpoint());
    costExplorerClient = AwsCostExplorer.create(costExplorer.endpoint());
    budgetsClient = AwsBudgets.create(budgets.endpoint(), BudgetsSimulator.ACCOUNT_ID);
    dashboardsClient = CloudWatchDashboards.create("us-east-1", cloudWatch.endpoint());
    return new Billing(config, costExplorerClient, budgetsClient, dashboardsClient, ledger, clock);
  }

  /**
   * The operator with these simulators, as both billing ITs run it: leader election off, status
   * refreshed every second.
   */
  Operator startOperator(MockCluster cluster, ItParts parts) {
    return OperatorRuns.start(
        cluster,
        parts,
        OperatorConfig.defaults()
            .withLeaderElection(false)
            .withStatusRefreshInterval(Duration.ofSeconds(1)),
        billing(parts.ledger()));
  }

  /** Stops what {@link #startOperator} started, checking the documented RBAC, then these. */
  void stop(Operator operator, MockCluster cluster, ItParts parts) {
    try {
      OperatorRuns.stop(operator, cluster, parts);
    } finally {
      close();
    }
  }

  /** Settles {@code microUsd} in the Day window of {@code day} of a budget's limit. */
  static void spend(Ledger ledger, String costCenter, String limit, LocalDate day, long microUsd) {
    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    CounterKey key =
        new CounterKey(
            UsageReader.counterId(costCenter, limit), Period.DAY.windowAt(at, ZoneOffset.UTC));
    Hold hold = new Hold(UUID.randomUUID().toString(), microUsd, Instant.now().plusSeconds(600));
    ledger.forceReserve(key, hold, Long.MAX_VALUE);
    ledger.settle(key, hold, microUsd);
  }

  @Override
  public void close() {
    if (costExplorerClient != null) {
      costExplorerClient.close();
      budgetsClient.close();
      dashboardsClient.close();
    }
    costExplorer.close();
    budgets.close();
    cloudWatch.close();
  }
}
