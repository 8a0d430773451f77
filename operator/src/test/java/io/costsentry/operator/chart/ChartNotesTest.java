package io.costsentry.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code helm install} prints: the objects to look at and the next steps. */
class ChartNotesTest {

  @Test
  void namesTheInstalledObjectsAndTheNextSteps() {
    String notes = Chart.installNotes(Chart.NAMESPACE, Map.of());

    assertThat(notes)
        .contains("deployment/costsentry-operator")
        .contains("MutatingWebhookConfiguration costsentry-sidecar-injector")
        .contains("ValidatingWebhookConfiguration costsentry-budget-validator")
        .contains("self-signed")
        .contains("give ServiceAccount costsentry-operator an AWS role")
        .contains("kubectl apply -f examples/cost-centers/")
        .contains("kubectl apply --server-side -f charts/costsentry/crds/");
  }

  @Test
  void saysWhoIssuesTheCertificateAndStopsAskingForARoleOnceAnnotated() {
    String notes =
        Chart.installNotes(
            "finops",
            Map.of(
                "fullnameOverride", "cs-prod",
                "webhook.certs", "cert-manager",
                "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn",
                    "arn:aws:iam::111122223333:role/costsentry-operator"));

    assertThat(notes)
        .contains("issued by cert-manager (Certificate cs-prod-webhook)")
        .contains("kubectl -n finops rollout status deployment/cs-prod-operator")
        .doesNotContain("an AWS role");
  }
}
