package io.costsentry.operator.webhook.certs;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook's serving certificate with its key, and the CA bundle the API server must trust, in
 * the layout of a {@code kubernetes.io/tls} Secret as cert-manager writes it: {@code tls.crt} (leaf
 * first), {@code tls.key}, {@code ca.crt} (one or more CA certificates).
 */
public record WebhookCertificate(String certificatePem, String keyPem, String caBundlePem) {
  public static final String TLS_CRT = "tls.crt";
  public static final String TLS_KEY = "tls.key";
  public static final String CA_CRT = "ca.crt";

  /**
   * The certificate in {@code secret}, or empty when the Secret lacks a key or holds something
   * unreadable (then a self-signing operator replaces it, and anyone else waits).
   */
  public static Optional<WebhookCertificate> fromSecret(Secret secret) {
    if (secret == null || secret.getData() == null) {
      return Optional.empty();
    }
    Map<String, String> data = secret.getData();
    String crt = decode(data.get(TLS_CRT));
    String key = decode(data.get(TLS_KEY));
    String ca = decode(data.get(CA_CRT));
    if (crt == null || key == null) {
      return Optional.empty();
    }
    WebhookCertificate cert = new WebhookCertificate(crt, key, ca == null ? "" : ca);
    try {
      cert.leaf();
      cert.privateKey();
      return Optional.of(cert);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The Secret's data (base64, as the API wants it). */
  public Map<String, String> secretData() {
    return Map.of(
        TLS_CRT, encode(certificatePem), TLS_KEY, encode(keyPem), CA_CRT, encode(caBundlePem));
  }

  public X509Certificate leaf() {
    List<X509Certificate> chain = Pem.certificates(certificatePem);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("tls.crt holds no certificate");
    }
    return chain.get(0);
  }

  public PrivateKey privateKey() {
    return Pem.privateKey(keyPem);
  }

  public List<X509Certificate> caCertificates() {
    return caBundlePem.isBlank() ? List.of() : Pem.certificates(caBundlePem);
  }

  public Instant notAfter() {
    return leaf().getNotAfter().toInstant();
  }

  /** Due for renewal once two thirds of its validity have passed (as cert-manager does). */
  public boolean renewalDue(Instant now) {
    Instant notBefore = leaf().getNotBefore().toInstant();
    Duration lifetime = Duration.between(notBefore, notAfter());
    return !now.isBefore(notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)));
  }

  /** The certificate names every one of {@code dnsNames}. */
  public boolean covers(Collection<String> dnsNames) {
    try {
      Collection<List<?>> sans = leaf().getSubjectAlternativeNames();
      if (sans == null) {
        return dnsNames.isEmpty();
      }
      List<String> names =
          sans.stream()
              .filter(s -> (Integer) s.get(0) == 2) // dNSName
              .map(s -> String.valueOf(s.get(1)))
              .toList();
      return names.containsAll(dnsNames);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  /** For the HTTPS server: the key with its chain, under alias {@code webhook}. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "webhook",
          privateKey(),
          password,
          Pem.certificates(certificatePem).toArray(Certificate[]::new));
      return ks;
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a key store from the webhook certificate", e);
    }
  }

  private static String decode(String base64) {
    return base64 == null
        ? null
        : new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.US_ASCII);
  }

  private static String encode(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
