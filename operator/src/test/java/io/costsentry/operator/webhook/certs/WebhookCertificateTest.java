package io.costsentry.operator.webhook.certs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issuing, storing, reading back and renewing the webhook's certificate. */
class WebhookCertificateTest {
  private static final List<String> NAMES =
      CertificateKeeper.Settings.serviceNames("costsentry-webhook", "costsentry-system");
  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private final CertificateIssuer issuer = new CertificateIssuer();

  @Test
  void anIssuedCertificateSurvivesTheSecretAndServesTheServiceNames() throws Exception {
    WebhookCertificate issued = issuer.issue(NAMES, NOW, Duration.ofDays(365), List.of());

    WebhookCertificate read =
        WebhookCertificate.fromSecret(secret(issued.secretData())).orElseThrow();

    assertThat(read).isEqualTo(issued);
    assertThat(read.covers(NAMES)).isTrue();
    assertThat(read.covers(List.of("costsentry-webhook.other.svc"))).isFalse();
    assertThat(read.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    X509Certificate leaf = read.leaf();
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    leaf.verify(read.caCertificates().get(0).getPublicKey());
    KeyStore ks = read.keyStore("pw".toCharArray());
    assertThat(ks.getKey("webhook", "pw".toCharArray())).isNotNull();
  }

  @Test
  void renewalIsDueTwoThirdsIntoTheLifetime() {
    WebhookCertificate c = issuer.issue(NAMES, NOW, Duration.ofDays(300), List.of());
    assertThat(c.renewalDue(NOW)).isFalse();
    assertThat(c.renewalDue(NOW.plus(Duration.ofDays(199)))).isFalse();
    assertThat(c.renewalDue(NOW.plus(Duration.ofDays(200)))).isTrue();
  }

  @Test
  void aRenewedBundleKeepsThePreviousCaWhileItIsValid() {
    WebhookCertificate first = issuer.issue(NAMES, NOW, Duration.ofDays(30), List.of());
    WebhookCertificate second =
        issuer.issue(
            NAMES, NOW.plus(Duration.ofDays(20)), Duration.ofDays(30), first.caCertificates());
    WebhookCertificate third =
        issuer.issue(
            NAMES, NOW.plus(Duration.ofDays(40)), Duration.ofDays(30), second.caCertificates());

    assertThat(second.caCertificates()).hasSize(2).contains(first.caCertificates().get(0));
    // The first CA expired by then: dropped.
    assertThat(third.caCertificates())
        .hasSize(2)
        .doesNotContain(first.caCertificates().get(0))
        .contains(second.caCertificates().get(0));
  }

  @Test
  void aSecretWithoutKeyOrWithGarbageReadsAsNoCertificate() {
    WebhookCertificate issued = issuer.issue(NAMES, NOW, Duration.ofDays(365), List.of());
    Map<String, String> data = issued.secretData();
    assertThat(WebhookCertificate.fromSecret(secret(Map.of("tls.crt", data.get("tls.crt")))))
        .isEmpty();
    assertThat(
            WebhookCertificate.fromSecret(
                secret(Map.of("tls.crt", "bm90IGEgY2VydA==", "tls.key", data.get("tls.key")))))
        .isEmpty();
    assertThat(WebhookCertificate.fromSecret(null)).isEmpty();
  }

  private static Secret secret(Map<String, String> data) {
    return new SecretBuilder().withNewMetadata().withName("s").endMetadata().withData(data).build();
  }
}
