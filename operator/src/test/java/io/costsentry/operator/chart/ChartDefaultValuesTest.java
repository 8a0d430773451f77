package io.costsentry.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.operator.rbac.DocumentedRbac;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Release {@code costsentry} in {@code costsentry-system} with the default values: the names and
 * RBAC of docs/operator-rbac.yaml, a locked-down operator, and webhooks as the contract says.
 */
class ChartDefaultValuesTest {
  private static Rendered chart;

  @BeforeAll
  static void render() {
    chart = Chart.renderDefaults();
  }

  @Test
  void grantsExactlyTheDocumentedClusterRole() {
    DocumentedRbac documented = DocumentedRbac.load();
    ClusterRole rendered = chart.one(ClusterRole.class);

    assertThat(rendered.getMetadata().getName())
        .isEqualTo(documented.clusterRole().getMetadata().getName());
    assertThat(rendered.getRules())
        .containsExactlyInAnyOrderElementsOf(documented.clusterRole().getRules());
    ClusterRoleBinding binding = chart.one(ClusterRoleBinding.class);
    assertThat(binding.getRoleRef().getName()).isEqualTo(rendered.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo(serviceAccountName());
              assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE);
            });
  }

  @Test
  void grantsExactlyTheDocumentedRolesInTheReleaseNamespace() {
    DocumentedRbac documented = DocumentedRbac.load();
    List<Role> roles = chart.all(Role.class);

    assertThat(roles)
        .extracting(r -> r.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(
            documented.roles().stream().map(r -> r.getMetadata().getName()).toList());
    for (Role role : roles) {
      assertThat(role.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
      assertThat(role.getRules())
          .as("rules of Role %s", role.getMetadata().getName())
          .containsExactlyInAnyOrderElementsOf(
              documented.role(role.getMetadata().getName()).getRules());
      RoleBinding binding = chart.named(RoleBinding.class, role.getMetadata().getName());
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
      assertThat(binding.getSubjects())
          .singleElement()
          .satisfies(s -> assertThat(s.getName()).isEqualTo(serviceAccountName()));
    }
  }

  @Test
  void namesTheServiceAccountAsTheDocumentDoes() {
    assertThat(chart.one(ServiceAccount.class).getMetadata().getName())
        .isEqualTo("costsentry-operator");
    assertThat(chart.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("costsentry-operator");
  }

  @Test
  void runsTheOperatorNonRootWithAReadOnlyRootAndNoCapabilities() {
    PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);

    SecurityContext container = chart.operatorContainer().getSecurityContext();
    assertThat(container.getRunAsNonRoot()).isTrue();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void givesTheJvmAWritableTmpOnAnEmptyDir() {
    PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
    assertThat(chart.operatorContainer().getVolumeMounts())
        .singleElement()
        .satisfies(
            mount -> {
              assertThat(mount.getMountPath()).isEqualTo("/tmp");
              assertThat(pod.getVolumes())
                  .filteredOn(v -> v.getName().equals(mount.getName()))
                  .singleElement()
                  .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
            });
  }

  @Test
  void runsTwoReplicasWithLeaderElectionSpreadOverNodes() {
    Deployment deployment = chart.deployment();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(chart.env("COSTSENTRY_OPERATOR_LEADER_ELECTION")).isEqualTo("true");
    assertThat(chart.env("COSTSENTRY_OPERATOR_LEASE_NAME")).isEqualTo("costsentry-operator");

    var preferred =
        deployment
            .getSpec()
            .getTemplate()
            .getSpec()
            .getAffinity()
            .getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution();
    assertThat(preferred)
        .singleElement()
        .satisfies(
            term -> {
              assertThat(term.getPodAffinityTerm().getTopologyKey())
                  .isEqualTo("kubernetes.io/hostname");
              assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                  .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            });
    assertThat(
            deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getAffinity()
                .getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution())
        .isNullOrEmpty();
  }

  @Test
  void probesHealthAndReadinessOnTheAdminPort() {
    Container container = chart.operatorContainer();
    ContainerPort admin = port(container, "admin");
    assertThat(admin.getContainerPort())
        .isEqualTo(Integer.parseInt(chart.env("COSTSENTRY_OPERATOR_ADMIN_PORT")))
        .isEqualTo(9798);

    assertProbe(container.getLivenessProbe(), "/healthz", "admin");
    assertProbe(container.getReadinessProbe(), "/readyz", "admin");
    assertProbe(container.getStartupProbe(), "/healthz", "admin");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
  }

  @Test
  void setsExactlyTheContractsSettings() {
    assertThat(chart.env().keySet())
        .containsExactlyInAnyOrder(
            "COSTSENTRY_OPERATOR_NAMESPACE",
            "COSTSENTRY_DYNAMODB_TABLE",
            "COSTSENTRY_DYNAMODB_CREATE_TABLE",
            "COSTSENTRY_OPERATOR_STATUS_REFRESH_INTERVAL",
            "COSTSENTRY_OPERATOR_DRIFT_REPAIR_INTERVAL",
            "COSTSENTRY_OPERATOR_RECONCILE_THREADS",
            "COSTSENTRY_OPERATOR_EVENT_NAMESPACE",
            "COSTSENTRY_OPERATOR_ADMIN_PORT",
            "COSTSENTRY_OPERATOR_LEADER_ELECTION",
            "COSTSENTRY_OPERATOR_LEASE_NAME",
            "COSTSENTRY_OPERATOR_LEASE_DURATION",
            "COSTSENTRY_ACTIVATE_COST_ALLOCATION_TAGS",
            "COSTSENTRY_BILLED_COST",
            "COSTSENTRY_BILLING_REFRESH_INTERVAL",
            "COSTSENTRY_BILLING_RETRY_INTERVAL",
            "COSTSENTRY_BILLING_DRIFT_TOLERANCE_PERCENT",
            "COSTSENTRY_BILLING_DRIFT_TOLERANCE_USD",
            "COSTSENTRY_DASHBOARD",
            "COSTSENTRY_DASHBOARD_NAME",
            "COSTSENTRY_WEBHOOK_PORT",
            "COSTSENTRY_WEBHOOK_CERTS",
            "COSTSENTRY_WEBHOOK_CERT_VALIDITY",
            "COSTSENTRY_WEBHOOK_SECRET",
            "COSTSENTRY_WEBHOOK_SERVICE",
            "COSTSENTRY_MUTATING_WEBHOOK",
            "COSTSENTRY_VALIDATING_WEBHOOK",
            "COSTSENTRY_SIDECAR_IMAGE",
            "COSTSENTRY_SIDECAR_IMAGE_PULL_POLICY",
            "COSTSENTRY_SIDECAR_CPU_REQUEST",
            "COSTSENTRY_SIDECAR_MEMORY_REQUEST",
            "COSTSENTRY_SIDECAR_MEMORY_LIMIT",
            "JAVA_TOOL_OPTIONS");

    assertThat(chart.env().get("COSTSENTRY_OPERATOR_NAMESPACE").getValueFrom().getFieldRef())
        .satisfies(ref -> assertThat(ref.getFieldPath()).isEqualTo("metadata.namespace"));
    assertThat(
            Map.of(
                "COSTSENTRY_DYNAMODB_TABLE", chart.env("COSTSENTRY_DYNAMODB_TABLE"),
                "COSTSENTRY_DYNAMODB_CREATE_TABLE", chart.env("COSTSENTRY_DYNAMODB_CREATE_TABLE"),
                "COSTSENTRY_WEBHOOK_PORT", chart.env("COSTSENTRY_WEBHOOK_PORT"),
                "COSTSENTRY_WEBHOOK_CERTS", chart.env("COSTSENTRY_WEBHOOK_CERTS"),
                "COSTSENTRY_WEBHOOK_CERT_VALIDITY", chart.env("COSTSENTRY_WEBHOOK_CERT_VALIDITY"),
                "COSTSENTRY_SIDECAR_IMAGE", chart.env("COSTSENTRY_SIDECAR_IMAGE"),
                "COSTSENTRY_SIDECAR_CPU_REQUEST", chart.env("COSTSENTRY_SIDECAR_CPU_REQUEST"),
                "COSTSENTRY_SIDECAR_MEMORY_REQUEST", chart.env("COSTSENTRY_SIDECAR_MEMORY_REQUEST"),
                "COSTSENTRY_SIDECAR_MEMORY_LIMIT", chart.env("COSTSENTRY_SIDECAR_MEMORY_LIMIT")))
        .isEqualTo(
            Map.of(
                "COSTSENTRY_DYNAMODB_TABLE", "costsentry-ledger",
                "COSTSENTRY_DYNAMODB_CREATE_TABLE", "true",
                "COSTSENTRY_WEBHOOK_PORT", "9443",
                "COSTSENTRY_WEBHOOK_CERTS", "self-signed",
                "COSTSENTRY_WEBHOOK_CERT_VALIDITY", "8760h",
                "COSTSENTRY_SIDECAR_IMAGE", "ghcr.io/costsentry/costsentry-sidecar:0.1.0",
                "COSTSENTRY_SIDECAR_CPU_REQUEST", "100m",
                "COSTSENTRY_SIDECAR_MEMORY_REQUEST", "192Mi",
                "COSTSENTRY_SIDECAR_MEMORY_LIMIT", "256Mi"));
  }

  @Test
  void namesTheWebhookObjectsTheOperatorIsToldAbout() {
    ChartWiring.assertOperatorNamesMatchRenderedObjects(chart);
    assertThat(chart.env("COSTSENTRY_WEBHOOK_SECRET")).isEqualTo("costsentry-webhook-tls");
    assertThat(chart.env("COSTSENTRY_WEBHOOK_SERVICE")).isEqualTo("costsentry-webhook");
    assertThat(chart.env("COSTSENTRY_MUTATING_WEBHOOK")).isEqualTo("costsentry-sidecar-injector");
    assertThat(chart.env("COSTSENTRY_VALIDATING_WEBHOOK")).isEqualTo("costsentry-budget-validator");
  }

  @Test
  void routesTheWebhookServiceToTheOperatorsWebhookPort() {
    ChartWiring.assertWebhookServiceReachesTheOperator(chart);
    ServicePort port = chart.named(Service.class, "costsentry-webhook").getSpec().getPorts().get(0);
    assertThat(port.getPort()).isEqualTo(443);
    assertThat(port.getTargetPort().getStrVal()).isEqualTo("webhook");
  }

  @Test
  void sendsPodCreationsToTwoWebhooksWithTheirOwnFailurePolicies() {
    MutatingWebhookConfiguration config = chart.one(MutatingWebhookConfiguration.class);
    ChartWiring.assertMutatingWebhooksFollowTheContract(chart);

    MutatingWebhook namespaces = config.getWebhooks().get(0);
    MutatingWebhook pods = config.getWebhooks().get(1);
    assertThat(namespaces.getFailurePolicy()).isEqualTo("Fail");
    assertThat(pods.getFailurePolicy()).isEqualTo("Ignore");
    assertThat(ChartWiring.notIn(pods, "kubernetes.io/metadata.name"))
        .containsExactlyInAnyOrder(
            "kube-system", "kube-node-lease", "kube-public", Chart.NAMESPACE);
    assertThat(namespaces.getObjectSelector()).isNull();
    assertThat(pods.getObjectSelector()).isNull();
    assertThat(namespaces.getTimeoutSeconds()).isEqualTo(10);
  }

  @Test
  void validatesBudgetsWithIgnoreByDefault() {
    ChartWiring.assertValidatingWebhookFollowsTheContract(chart);
    ValidatingWebhook webhook =
        chart.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0);
    assertThat(webhook.getFailurePolicy()).isEqualTo("Ignore");
  }

  @Test
  void leavesTheCaBundleToTheOperatorWithSelfSignedCertificates() {
    assertThat(chart.env("COSTSENTRY_WEBHOOK_CERTS")).isEqualTo("self-signed");
    MutatingWebhookConfiguration mutating = chart.one(MutatingWebhookConfiguration.class);
    ValidatingWebhookConfiguration validating = chart.one(ValidatingWebhookConfiguration.class);
    for (HasMetadata config : List.of(mutating, validating)) {
      assertThat(config.getMetadata().getAnnotations()).isNullOrEmpty();
    }
    assertThat(mutating.getWebhooks())
        .allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isNull());
    assertThat(validating.getWebhooks())
        .allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isNull());
    assertThat(chart.custom("Certificate")).isEmpty();
    assertThat(chart.custom("Issuer")).isEmpty();
  }

  @Test
  void rendersNoMonitoringObjectsByDefault() {
    assertThat(chart.objects())
        .extracting(HasMetadata::getKind)
        .doesNotContain("ServiceMonitor", "PodMonitor", "PrometheusRule", "ConfigMap");
  }

  @Test
  void keepsOneOperatorUpDuringADrain() {
    PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
  }

  @Test
  void putsEveryNamespacedObjectInTheReleaseNamespace() {
    assertThat(chart.objects())
        .filteredOn(o -> !ChartWiring.CLUSTER_SCOPED.contains(o.getKind()))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE));
    assertThat(chart.objects())
        .filteredOn(o -> ChartWiring.CLUSTER_SCOPED.contains(o.getKind()))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
  }

  private static String serviceAccountName() {
    return chart.one(ServiceAccount.class).getMetadata().getName();
  }

  private static ContainerPort port(Container container, String name) {
    return container.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + name));
  }

  private static void assertProbe(Probe probe, String path, String port) {
    assertThat(probe).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(port);
  }
}
