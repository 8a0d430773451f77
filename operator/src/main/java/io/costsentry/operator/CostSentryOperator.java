package io.costsentry.operator;

import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.pricing.PriceTable;
import io.costsentry.operator.alias.ModelAliasReconciler;
import io.costsentry.operator.bedrock.InferenceProfiles;
import io.costsentry.operator.billing.Billing;
import io.costsentry.operator.budget.BudgetEvents;
import io.costsentry.operator.budget.BudgetProfiles;
import io.costsentry.operator.budget.CostCenterBudgetReconciler;
import io.costsentry.operator.budget.UsageReader;
import io.costsentry.operator.manifest.ManifestValidator;
import io.costsentry.operator.store.SkipUnchangedWrites;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the JOSDK {@link Operator} with both reconcilers, from the parts it talks to. The process
 * ({@link OperatorMain}) and the integration tests both build it here, so tests run the operator
 * exactly as deployed, on a given Kubernetes client, Bedrock control plane, policy store and
 * ledger.
 */
public final class CostSentryOperator {
  private CostSentryOperator() {}

  /** An operator on the system clock; call {@link Operator#start()} to run it. */
  public static Operator create(
      KubernetesClient client,
      InferenceProfiles bedrock,
      PolicyStore store,
      Ledger ledger,
      OperatorConfig config) {
    return create(client, bedrock, store, ledger, config, Clock.systemUTC());
  }

  public static Operator create(
      KubernetesClient client,
      InferenceProfiles bedrock,
      PolicyStore store,
      Ledger ledger,
      OperatorConfig config,
      Clock clock) {
    return create(client, bedrock, store, ledger, config, clock, Leadership.exitingOnLoss());
  }

  /**
   * An operator whose leadership (with {@link OperatorConfig#leaderElection()}) is reported to
   * {@code leadership}, which also decides what happens when the Lease is lost.
   */
  public static Operator create(
      KubernetesClient client,
      InferenceProfiles bedrock,
      PolicyStore store,
      Ledger ledger,
      OperatorConfig config,
      Clock clock,
      Leadership leadership) {
    return create(client, bedrock, store, ledger, config, clock, leadership, Billing.off(ledger));
  }

  /**
   * An operator with the trailing indicators of {@code billing} (Cost Explorer, AWS Budgets, the
   * dashboard; docs/billing.md).
   */
  public static Operator create(
      KubernetesClient client,
      InferenceProfiles bedrock,
      PolicyStore store,
      Ledger ledger,
      OperatorConfig config,
      Clock clock,
      Leadership leadership,
      Billing billing) {
    if (!config.leaderElection()) {
      leadership.leadWithoutElection();
    }
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  // Merge patches: the Fabric8 mock server and older API servers refuse SSA.
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(config.reconcileThreads());
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    LeaderElection.configuration(config, client.getNamespace(), leadership));
              }
            });
    ManifestValidator validator = new ManifestValidator(PriceTable.builtIn());
    // Records are written when they change, and rewritten at the drift repair of their profile.
    PolicyStore records =
        new SkipUnchangedWrites(
            store, clock, BudgetProfiles.recordRewriteAfter(config.driftRepairInterval()));
    operator.register(
        new ModelAliasReconciler(bedrock, records, validator, clock), o -> o.withRetry(retry()));
    operator.register(
        new CostCenterBudgetReconciler(
            new BudgetProfiles(bedrock, records, clock, config.driftRepairInterval()),
            records,
            new UsageReader(ledger),
            new BudgetEvents(client, config.eventNamespace(), clock),
            validator,
            clock,
            config.statusRefreshInterval(),
            billing),
        o -> o.withRetry(retry()));
    return operator;
  }

  /**
   * Transient errors (AWS throttling, 5xx, the ledger unreachable) are retried with exponential
   * backoff from 1 s up to 5 min between attempts, without giving up: a resource must not stay
   * stuck after an outage longer than a few retries. Permanent errors are not thrown, so never
   * retried here.
   */
  static GenericRetry retry() {
    return new GenericRetry()
        .setInitialInterval(Duration.ofSeconds(1))
        .setIntervalMultiplier(2)
        .setMaxInterval(Duration.ofMinutes(5).toMillis())
        .withoutMaxAttempts();
  }
}
