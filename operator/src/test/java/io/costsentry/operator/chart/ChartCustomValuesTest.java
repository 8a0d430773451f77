package io.costsentry.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.operator.rbac.DocumentedRbac;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every value away from its default: cert-manager certificates, other names and namespace, one
 * replica without leader election, other failure policies, more excluded namespaces.
 */
class ChartCustomValuesTest {
  static final String NAMESPACE = "finops";

  static final String VALUES =
      """
      fullnameOverride: cs-prod
      commonLabels:
        team: finops
      operator:
        replicas: 1
        leaderElection:
          enabled: false
        resources:
          limits:
            cpu: "1"
      serviceAccount:
        annotations:
          eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/costsentry-operator
      aws:
        region: eu-west-1
        bedrockEndpoint: https://bedrock.eu-west-1.amazonaws.com
        dynamodb:
          table: finops-ledger
          endpoint: https://dynamodb.eu-west-1.amazonaws.com
          createTable: false
      billing:
        activateCostAllocationTags: false
        refreshInterval: 12h
        driftToleranceUSD: 2.5
        awsAccountId: "111122223333"
        costExplorerEndpoint: http://127.0.0.1:4566
        dashboard:
          enabled: true
          name: FinOps-Bedrock
      webhook:
        certs: cert-manager
        failurePolicy:
          namespaces: Ignore
          pods: Fail
          budgets: Fail
        timeoutSeconds: 5
        excludedNamespaces: [batch, legacy, kube-system]
        objectSelector:
          matchExpressions:
            - key: costsentry.io/skip
              operator: DoesNotExist
      sidecar:
        image:
          tag: 0.1.1
          pullPolicy: Always
        resources:
          limits:
            cpu: 500m
        bedrockEndpoint: https://bedrock-runtime.eu-west-1.amazonaws.com
      podDisruptionBudget:
        enabled: false
      monitoring:
        operatorServiceMonitor:
          enabled: true
          labels:
            release: prometheus
        sidecarPodMonitor:
          enabled: true
        prometheusRule:
          enabled: true
        grafanaDashboard:
          enabled: true
          annotations:
            grafana_folder: FinOps
      """;

  private static Rendered chart;

  @BeforeAll
  static void render() {
    chart = Chart.render(NAMESPACE, VALUES, Map.of());
  }

  @Test
  void passesTheBillingSettingsToTheOperator() {
    assertThat(chart.env("COSTSENTRY_ACTIVATE_COST_ALLOCATION_TAGS")).isEqualTo("false");
    assertThat(chart.env("COSTSENTRY_BILLED_COST")).isEqualTo("true");
    assertThat(chart.env("COSTSENTRY_BILLING_REFRESH_INTERVAL")).isEqualTo("12h");
    assertThat(chart.env("COSTSENTRY_BILLING_DRIFT_TOLERANCE_USD")).isEqualTo("2.5");
    assertThat(chart.env("COSTSENTRY_AWS_ACCOUNT_ID")).isEqualTo("111122223333");
    assertThat(chart.env("COSTSENTRY_COST_EXPLORER_ENDPOINT")).isEqualTo("http://127.0.0.1:4566");
    assertThat(chart.env()).doesNotContainKey("COSTSENTRY_BUDGETS_ENDPOINT");
    assertThat(chart.env("COSTSENTRY_DASHBOARD")).isEqualTo("true");
    assertThat(chart.env("COSTSENTRY_DASHBOARD_NAME")).isEqualTo("FinOps-Bedrock");
  }

  @Test
  void namesEveryObjectAfterTheOverride() {
    assertThat(chart.objects())
        .extracting(o -> o.getMetadata().getName())
        .allSatisfy(name -> assertThat(name).startsWith("cs-prod"));
    assertThat(chart.env("COSTSENTRY_WEBHOOK_SECRET")).isEqualTo("cs-prod-webhook-tls");
    assertThat(chart.env("COSTSENTRY_WEBHOOK_SERVICE")).isEqualTo("cs-prod-webhook");
    assertThat(chart.env("COSTSENTRY_OPERATOR_LEASE_NAME")).isEqualTo("cs-prod-operator");
    ChartWiring.assertOperatorNamesMatchRenderedObjects(chart);
    ChartWiring.assertWebhookServiceReachesTheOperator(chart);
  }

  @Test
  void putsEveryNamespacedObjectInTheReleaseNamespace() {
    assertThat(chart.objects())
        .filteredOn(o -> !ChartWiring.CLUSTER_SCOPED.contains(o.getKind()))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(NAMESPACE));
  }

  @Test
  void labelsEveryObjectWithTheCommonLabels() {
    assertThat(chart.objects())
        .extracting(HasMetadata::getMetadata)
        .allSatisfy(m -> assertThat(m.getLabels()).containsEntry("team", "finops"));
  }

  @Test
  void grantsTheDocumentedClusterRoleUnderTheNewNames() {
    List<PolicyRule> expected =
        DocumentedRbac.load().clusterRole().getRules().stream()
            .map(
                rule ->
                    rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                        ? rule
                        : new PolicyRuleBuilder(rule)
                            .withResourceNames(
                                "cs-prod-sidecar-injector", "cs-prod-budget-validator")
                            .build())
            .toList();

    ClusterRole role = chart.one(ClusterRole.class);
    assertThat(role.getMetadata().getName()).isEqualTo("cs-prod-operator");
    assertThat(role.getRules()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void letsTheOperatorOnlyReadTheSecretCertManagerWrites() {
    assertThat(chart.env("COSTSENTRY_WEBHOOK_CERTS")).isEqualTo("external");
    Role role = chart.named(Role.class, "cs-prod-operator-webhook-certificate");
    assertThat(role.getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getApiGroups()).containsExactly("");
              assertThat(rule.getResources()).containsExactly("secrets");
              assertThat(rule.getResourceNames()).containsExactly("cs-prod-webhook-tls");
              assertThat(rule.getVerbs()).containsExactly("get");
            });
  }

  @Test
  void injectsTheCaOfTheCertificateThatWritesTheWebhookSecret() {
    for (HasMetadata config :
        List.of(
            chart.one(MutatingWebhookConfiguration.class),
            chart.one(ValidatingWebhookConfiguration.class))) {
      String injectFrom =
          config.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from");
      assertThat(injectFrom).as("%s inject-ca-from", config.getKind()).isNotNull();
      String[] namespaceAndName = injectFrom.split("/");
      assertThat(namespaceAndName[0]).isEqualTo(NAMESPACE);
      GenericKubernetesResource certificate = chart.custom("Certificate", namespaceAndName[1]);
      assertThat(certificate.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
      assertThat(spec(certificate).get("secretName"))
          .isEqualTo(chart.env("COSTSENTRY_WEBHOOK_SECRET"));
    }
  }

  @Test
  void issuesTheServingCertificateForTheWebhookServiceFromTheReleasesOwnCa() {
    String service = chart.env("COSTSENTRY_WEBHOOK_SERVICE");
    GenericKubernetesResource serving = chart.custom("Certificate", "cs-prod-webhook");
    assertThat(spec(serving).get("dnsNames"))
        .isEqualTo(
            List.of(
                service,
                service + "." + NAMESPACE,
                service + "." + NAMESPACE + ".svc",
                service + "." + NAMESPACE + ".svc.cluster.local"));
    assertThat(spec(serving).get("isCA")).isNull();

    // serving <- CA Issuer <- CA Certificate's Secret <- self-signed Issuer
    GenericKubernetesResource caIssuer = chart.custom("Issuer", issuerOf(serving));
    String caSecret = (String) map(spec(caIssuer).get("ca")).get("secretName");
    GenericKubernetesResource ca =
        chart.custom("Certificate").stream()
            .filter(c -> caSecret.equals(spec(c).get("secretName")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Certificate writes " + caSecret));
    assertThat(spec(ca).get("isCA")).isEqualTo(true);
    GenericKubernetesResource root = chart.custom("Issuer", issuerOf(ca));
    assertThat(spec(root)).containsKey("selfSigned");
  }

  @Test
  void runsOneReplicaWithoutLeaderElectionOrLease() {
    assertThat(chart.deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(chart.env("COSTSENTRY_OPERATOR_LEADER_ELECTION")).isEqualTo("false");
    assertThat(chart.all(Role.class))
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("cs-prod-operator-webhook-certificate");
    assertThat(chart.all(PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void appliesTheChosenFailurePoliciesTimeoutAndSelectors() {
    List<MutatingWebhook> webhooks = chart.one(MutatingWebhookConfiguration.class).getWebhooks();
    ChartWiring.assertMutatingWebhooksFollowTheContract(chart);
    ChartWiring.assertValidatingWebhookFollowsTheContract(chart);

    assertThat(webhooks)
        .extracting(MutatingWebhook::getFailurePolicy)
        .containsExactly("Ignore", "Fail");
    assertThat(
            chart.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0).getFailurePolicy())
        .isEqualTo("Fail");
    assertThat(webhooks).extracting(MutatingWebhook::getTimeoutSeconds).containsOnly(5);
    assertThat(ChartWiring.notIn(webhooks.get(1), "kubernetes.io/metadata.name"))
        .containsExactlyInAnyOrder(
            "kube-system", "kube-node-lease", "kube-public", NAMESPACE, "batch", "legacy");
    assertThat(webhooks)
        .allSatisfy(
            w ->
                assertThat(w.getObjectSelector().getMatchExpressions())
                    .singleElement()
                    .satisfies(e -> assertThat(e.getKey()).isEqualTo("costsentry.io/skip")));
  }

  @Test
  void passesAwsAndSidecarSettingsToTheOperator() {
    assertThat(chart.env("COSTSENTRY_OPERATOR_REGION")).isEqualTo("eu-west-1");
    assertThat(chart.env("COSTSENTRY_OPERATOR_BEDROCK_ENDPOINT"))
        .isEqualTo("https://bedrock.eu-west-1.amazonaws.com");
    assertThat(chart.env("COSTSENTRY_DYNAMODB_TABLE")).isEqualTo("finops-ledger");
    assertThat(chart.env("COSTSENTRY_DYNAMODB_ENDPOINT"))
        .isEqualTo("https://dynamodb.eu-west-1.amazonaws.com");
    assertThat(chart.env("COSTSENTRY_DYNAMODB_CREATE_TABLE")).isEqualTo("false");
    assertThat(chart.env("COSTSENTRY_SIDECAR_IMAGE"))
        .isEqualTo("ghcr.io/costsentry/costsentry-sidecar:0.1.1");
    assertThat(chart.env("COSTSENTRY_SIDECAR_IMAGE_PULL_POLICY")).isEqualTo("Always");
    assertThat(chart.env("COSTSENTRY_SIDECAR_CPU_LIMIT")).isEqualTo("500m");
    assertThat(chart.env("COSTSENTRY_SIDECAR_BEDROCK_ENDPOINT"))
        .isEqualTo("https://bedrock-runtime.eu-west-1.amazonaws.com");
    assertThat(chart.operatorContainer().getResources().getLimits().get("cpu").toString())
        .isEqualTo("1");
  }

  @Test
  void annotatesTheServiceAccountForIrsa() {
    assertThat(chart.one(ServiceAccount.class).getMetadata().getAnnotations())
        .containsEntry(
            "eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/costsentry-operator");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static String issuerOf(GenericKubernetesResource certificate) {
    Map<String, Object> ref = map(spec(certificate).get("issuerRef"));
    assertThat(ref.get("kind")).isEqualTo("Issuer");
    return (String) ref.get("name");
  }
}
