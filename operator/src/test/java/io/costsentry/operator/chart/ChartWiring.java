package io.costsentry.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold for any values: the operator is told the names of objects the chart renders, the
 * webhook Service reaches the operator's webhook port, and the webhooks are those of the contract.
 */
final class ChartWiring {
  static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "ClusterRole",
          "ClusterRoleBinding",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration");

  private ChartWiring() {}

  static void assertOperatorNamesMatchRenderedObjects(Rendered chart) {
    String mutating = chart.env("COSTSENTRY_MUTATING_WEBHOOK");
    String validating = chart.env("COSTSENTRY_VALIDATING_WEBHOOK");
    assertThat(chart.one(MutatingWebhookConfiguration.class).getMetadata().getName())
        .isEqualTo(mutating);
    assertThat(chart.one(ValidatingWebhookConfiguration.class).getMetadata().getName())
        .isEqualTo(validating);
    chart.named(Service.class, chart.env("COSTSENTRY_WEBHOOK_SERVICE"));

    // The ClusterRole lets the operator patch the CA bundle of these two configurations only.
    List<PolicyRule> admission =
        chart.one(ClusterRole.class).getRules().stream()
            .filter(r -> r.getApiGroups().contains("admissionregistration.k8s.io"))
            .toList();
    assertThat(admission)
        .singleElement()
        .satisfies(r -> assertThat(r.getResourceNames()).containsExactly(mutating, validating));

    // The certificate Role names the Secret the operator reads.
    List<PolicyRule> secretRules =
        chart.all(Role.class).stream()
            .flatMap(role -> role.getRules().stream())
            .filter(r -> r.getResources().contains("secrets"))
            .toList();
    assertThat(secretRules).isNotEmpty();
    assertThat(secretRules)
        .filteredOn(r -> r.getResourceNames() != null && !r.getResourceNames().isEmpty())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getResourceNames())
                    .containsExactly(chart.env("COSTSENTRY_WEBHOOK_SECRET")));
  }

  static void assertWebhookServiceReachesTheOperator(Rendered chart) {
    Service service = chart.named(Service.class, chart.env("COSTSENTRY_WEBHOOK_SERVICE"));
    Map<String, String> podLabels =
        chart.deployment().getSpec().getTemplate().getMetadata().getLabels();

    assertThat(service.getMetadata().getNamespace()).isEqualTo(chart.namespace());
    assertThat(service.getSpec().getSelector()).isNotEmpty();
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(podLabels)
        .containsAllEntriesOf(chart.deployment().getSpec().getSelector().getMatchLabels());

    ServicePort port = service.getSpec().getPorts().get(0);
    assertThat(service.getSpec().getPorts()).hasSize(1);
    assertThat(port.getPort()).isEqualTo(443);
    String target = port.getTargetPort().getStrVal();
    assertThat(target).as("targetPort names a container port").isNotNull();
    ContainerPort containerPort =
        chart.operatorContainer().getPorts().stream()
            .filter(p -> target.equals(p.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no container port named " + target));
    assertThat(containerPort.getContainerPort())
        .isEqualTo(Integer.parseInt(chart.env("COSTSENTRY_WEBHOOK_PORT")));
  }

  static void assertMutatingWebhooksFollowTheContract(Rendered chart) {
    List<MutatingWebhook> webhooks = chart.one(MutatingWebhookConfiguration.class).getWebhooks();
    assertThat(webhooks)
        .extracting(MutatingWebhook::getName)
        .containsExactly("namespaces.sidecar.costsentry.io", "pods.sidecar.costsentry.io");
    for (MutatingWebhook webhook : webhooks) {
      assertService(chart, webhook.getClientConfig().getService(), "/mutate-pods");
      assertThat(webhook.getFailurePolicy()).isIn("Fail", "Ignore");
      assertThat(webhook.getSideEffects()).isEqualTo("None");
      assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
      assertThat(webhook.getReinvocationPolicy()).isEqualTo("Never");
      assertThat(webhook.getTimeoutSeconds()).isBetween(1, 30);
      assertThat(webhook.getRules())
          .singleElement()
          .satisfies(
              rule -> {
                assertThat(rule.getOperations()).containsExactly("CREATE");
                assertThat(rule.getApiGroups()).containsExactly("");
                assertThat(rule.getApiVersions()).containsExactly("v1");
                assertThat(rule.getResources()).containsExactly("pods");
              });
    }

    // 1: namespaces that opted in, all but the operator's own.
    MutatingWebhook namespaces = webhooks.get(0);
    assertThat(namespaces.getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of("costsentry.io/inject", "enabled"));
    assertThat(notIn(namespaces, "kubernetes.io/metadata.name")).containsExactly(chart.namespace());

    // 2: every other namespace but the system ones and the operator's own.
    MutatingWebhook pods = webhooks.get(1);
    assertThat(pods.getNamespaceSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(pods.getNamespaceSelector().getMatchExpressions())
        .extracting(LabelSelectorRequirement::getKey)
        .containsExactlyInAnyOrder("costsentry.io/inject", "kubernetes.io/metadata.name");
    assertThat(notIn(pods, "costsentry.io/inject"))
        .containsExactlyInAnyOrder("enabled", "disabled");
    assertThat(notIn(pods, "kubernetes.io/metadata.name"))
        .contains("kube-system", "kube-node-lease", "kube-public", chart.namespace())
        .doesNotHaveDuplicates();
  }

  static void assertValidatingWebhookFollowsTheContract(Rendered chart) {
    List<ValidatingWebhook> webhooks =
        chart.one(ValidatingWebhookConfiguration.class).getWebhooks();
    assertThat(webhooks)
        .extracting(ValidatingWebhook::getName)
        .containsExactly("costcenterbudgets.costsentry.io");
    ValidatingWebhook webhook = webhooks.get(0);
    assertService(chart, webhook.getClientConfig().getService(), "/validate-costcenterbudgets");
    assertThat(webhook.getFailurePolicy()).isIn("Fail", "Ignore");
    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(webhook.getRules())
        .singleElement()
        .satisfies(
            (RuleWithOperations rule) -> {
              assertThat(rule.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
              assertThat(rule.getApiGroups()).containsExactly("costsentry.io");
              assertThat(rule.getApiVersions()).containsExactly("v1alpha1");
              assertThat(rule.getResources()).containsExactly("costcenterbudgets");
              assertThat(rule.getScope()).isEqualTo("Cluster");
            });
  }

  private static void assertService(Rendered chart, ServiceReference service, String path) {
    assertThat(service.getName()).isEqualTo(chart.env("COSTSENTRY_WEBHOOK_SERVICE"));
    assertThat(service.getNamespace()).isEqualTo(chart.namespace());
    assertThat(service.getPath()).isEqualTo(path);
    assertThat(service.getPort()).isEqualTo(443);
  }

  /** The values of the namespaceSelector's {@code key NotIn [...]} requirement. */
  static List<String> notIn(MutatingWebhook webhook, String key) {
    return webhook.getNamespaceSelector().getMatchExpressions().stream()
        .filter(e -> e.getKey().equals(key) && e.getOperator().equals("NotIn"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(webhook.getName() + " has no NotIn on " + key))
        .getValues();
  }
}
