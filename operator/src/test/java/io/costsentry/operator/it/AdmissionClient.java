package io.costsentry.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Calls the operator's webhooks the way the API server calls a webhook Service: TLS trusting only
 * the configuration's CA bundle, the certificate checked for the Service's DNS name.
 */
final class AdmissionClient {
  private AdmissionClient() {}

  /** The answer, and the certificate the server presented. */
  record Exchange(AdmissionResponse response, X509Certificate leaf) {}

  static Exchange post(
      int port, String path, ObjectNode review, List<X509Certificate> trusted, String serviceName)
      throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < trusted.size(); i++) {
      trust.setCertificateEntry("ca" + i, trusted.get(i));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpsURLConnection c =
        (HttpsURLConnection)
            URI.create("https://127.0.0.1:" + port + path).toURL().openConnection();
    c.setSSLSocketFactory(tls.getSocketFactory());
    // The test dials 127.0.0.1; the API server dials the Service, so its name is what must match.
    c.setHostnameVerifier(
        (host, session) -> {
          try {
            Collection<List<?>> sans =
                ((X509Certificate) session.getPeerCertificates()[0]).getSubjectAlternativeNames();
            return sans != null && sans.stream().anyMatch(s -> serviceName.equals(s.get(1)));
          } catch (Exception e) {
            return false;
          }
        });
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = c.getOutputStream()) {
      out.write(review.toString().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(c.getResponseCode()).isEqualTo(200);
    X509Certificate leaf = (X509Certificate) c.getServerCertificates()[0];
    try (InputStream in = c.getInputStream()) {
      AdmissionReview answer = Serialization.unmarshal(in, AdmissionReview.class);
      assertThat(answer.getResponse().getUid()).isEqualTo(review.at("/request/uid").asText());
      return new Exchange(answer.getResponse(), leaf);
    } finally {
      c.disconnect();
    }
  }

  /** The pod the API server stores: the answer's JSON patch applied to the pod as sent. */
  static io.fabric8.kubernetes.api.model.Pod patched(
      com.fasterxml.jackson.databind.JsonNode pod, AdmissionResponse response) {
    com.fasterxml.jackson.databind.JsonNode patch =
        Serialization.unmarshal(
            new String(Base64.getDecoder().decode(response.getPatch()), StandardCharsets.UTF_8),
            com.fasterxml.jackson.databind.JsonNode.class);
    return Serialization.unmarshal(
        io.fabric8.zjsonpatch.JsonPatch.apply(patch, pod).toString(),
        io.fabric8.kubernetes.api.model.Pod.class);
  }

  /** The CA bundle the webhooks carry; they must all carry the same one. */
  static List<X509Certificate> caBundle(Stream<WebhookClientConfig> configs) throws Exception {
    List<String> bundles = configs.map(WebhookClientConfig::getCaBundle).distinct().toList();
    assertThat(bundles).hasSize(1);
    if (bundles.get(0) == null || bundles.get(0).isEmpty()) {
      return List.of();
    }
    Collection<? extends Certificate> certs =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(Base64.getDecoder().decode(bundles.get(0))));
    return certs.stream().map(X509Certificate.class::cast).toList();
  }
}
