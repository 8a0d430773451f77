package io.costsentry.operator.it;

import io.costsentry.core.config.PolicyStore;
import io.costsentry.operator.CostSentryOperator;
import io.costsentry.operator.Leadership;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.billing.Billing;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/**
 * Starts and stops the real operator the way every operator IT does: against the mock cluster and
 * the parts, and on the way out checks that it stayed within the documented RBAC.
 */
final class OperatorRuns {
  private OperatorRuns() {}

  static Operator start(
      MockCluster cluster, ItParts parts, PolicyStore store, OperatorConfig config) {
    Operator operator =
        CostSentryOperator.create(
            cluster.operatorClient(), parts.bedrock(), store, parts.ledger(), config);
    operator.start();
    return operator;
  }

  /** As {@link #start(MockCluster, ItParts, PolicyStore, OperatorConfig)}, with billing. */
  static Operator start(
      MockCluster cluster, ItParts parts, OperatorConfig config, Billing billing) {
    Operator operator =
        CostSentryOperator.create(
            cluster.operatorClient(),
            parts.bedrock(),
            parts.store(),
            parts.ledger(),
            config,
            Clock.systemUTC(),
            Leadership.exitingOnLoss(),
            billing);
    operator.start();
    return operator;
  }

  /**
   * Stops what was started (any of them may be {@code null}), the RBAC check first failing last.
   */
  static void stop(Operator operator, MockCluster cluster, ItParts parts) {
    if (operator != null) {
      operator.stop();
    }
    try {
      if (cluster != null) {
        cluster.assertOperatorStayedWithinDocumentedRbac();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      if (parts != null) {
        parts.close();
      }
    }
  }
}
