package io.costsentry.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.config.InMemoryPolicyStore;
import io.costsentry.core.ledger.InMemoryLedger;
import io.costsentry.operator.bedrock.FakeInferenceProfiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import org.junit.jupiter.api.Test;

class CostSentryOperatorTest {

  @Test
  void theReconcilerConcurrencyComesFromTheConfig() {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      Operator operator =
          CostSentryOperator.create(
              client,
              new FakeInferenceProfiles(),
              new InMemoryPolicyStore(),
              new InMemoryLedger(),
              OperatorConfig.defaults().withLeaderElection(false).withReconcileThreads(7));
      assertThat(operator.getConfigurationService().concurrentReconciliationThreads()).isEqualTo(7);
    }
  }
}
