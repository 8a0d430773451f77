package io.costsentry.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json stops bad values before anything is rendered, naming the value. */
class ChartValuesSchemaTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "webhook.failurePolicy.pods, Sometimes, /webhook/failurePolicy/pods",
    "webhook.failurePolicy.namespaces, fail, /webhook/failurePolicy/namespaces",
    "webhook.failurePolicy.budgets, Never, /webhook/failurePolicy/budgets",
    "webhook.failurePolicy, Sometimes, /webhook/failurePolicy",
    "webhook.certs, vault, /webhook/certs",
    "webhook.timeoutSeconds, 31, /webhook/timeoutSeconds",
    "operator.image.pullPolicy, Sometimes, /operator/image/pullPolicy",
    "sidecar.image.pullPolicy, Sometimes, /sidecar/image/pullPolicy",
    "operator.replicas, 0, /operator/replicas",
    "operator.statusRefreshInterval, soon, /operator/statusRefreshInterval",
    "sidecar.resources.requests.memory, lots, /sidecar/resources/requests/memory",
    "aws.region, Europe, /aws/region",
    "webhook.failurePolicies.pods, Fail, /webhook",
    "replicaCount, 3, additional properties 'replicaCount'"
  })
  void refusesABadValue(String key, String value, String named) {
    assertThatThrownBy(() -> Chart.template(Chart.NAMESPACE, null, Map.of(key, value)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(named);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "webhook.failurePolicy.pods, Fail",
    "webhook.certs, cert-manager",
    "operator.image.pullPolicy, Always",
    "operator.statusRefreshInterval, PT1M",
    "aws.region, ap-southeast-2"
  })
  void acceptsAGoodValue(String key, String value) {
    assertThat(Chart.template(Chart.NAMESPACE, null, Map.of(key, value)))
        .contains("kind: Deployment");
  }

  @Test
  void refusesSeveralReplicasWithoutLeaderElection() {
    assertThatThrownBy(
            () ->
                Chart.template(
                    Chart.NAMESPACE,
                    null,
                    Map.of("operator.replicas", "2", "operator.leaderElection.enabled", "false")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("operator.replicas > 1 needs operator.leaderElection.enabled");
  }
}
