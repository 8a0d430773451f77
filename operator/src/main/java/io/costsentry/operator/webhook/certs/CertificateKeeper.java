package io.costsentry.operator.webhook.certs;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the webhook's serving certificate: reads it from its Secret, and with {@link
 * CertificateMode#SELF_SIGNED} issues it when missing, unreadable, naming the wrong service or due
 * for renewal, and puts its CA into the webhook configurations. Every replica runs one; the Secret
 * is the one copy they share, written with optimistic concurrency so two replicas renewing at once
 * end with one certificate. The CA bundle is patched before the new certificate is served, so the
 * API server never meets a certificate it does not trust yet.
 */
public final class CertificateKeeper {
  private static final Logger log = LoggerFactory.getLogger(CertificateKeeper.class);

  private final KubernetesClient client;
  private final Settings settings;
  private final CertificateIssuer issuer;
  private final CaBundles caBundles;
  private final Clock clock;
  private final Consumer<WebhookCertificate> serve;
  private volatile WebhookCertificate served;

  /**
   * @param namespace where the Secret lives (the operator's namespace)
   * @param dnsNames the webhook Service's names, first the one the API server dials
   */
  public record Settings(
      CertificateMode mode,
      String namespace,
      String secretName,
      List<String> dnsNames,
      Duration validity,
      String mutatingWebhook,
      String validatingWebhook) {
    public Settings {
      Objects.requireNonNull(mode);
      Objects.requireNonNull(namespace, "the operator's namespace");
      Objects.requireNonNull(secretName);
      dnsNames = List.copyOf(dnsNames);
      if (validity.compareTo(Duration.ofHours(1)) < 0) {
        throw new IllegalArgumentException(
            "webhook certificate validity must be at least 1h, got " + validity);
      }
    }

    /** The DNS names of Service {@code service} in {@code namespace}. */
    public static List<String> serviceNames(String service, String namespace) {
      return List.of(
          service + "." + namespace + ".svc",
          service,
          service + "." + namespace,
          service + "." + namespace + ".svc.cluster.local");
    }
  }

  /**
   * @param serve called with each certificate to serve, first and after every change
   */
  public CertificateKeeper(
      KubernetesClient client, Settings settings, Clock clock, Consumer<WebhookCertificate> serve) {
    this.client = client;
    this.settings = settings;
    this.issuer = new CertificateIssuer();
    this.caBundles =
        new CaBundles(client, settings.mutatingWebhook(), settings.validatingWebhook());
    this.clock = clock;
    this.serve = serve;
  }

  /** Whether a certificate is being served. */
  public boolean serving() {
    return served != null;
  }

  /** One pass; call it at start and then periodically. Throws when the API server fails. */
  public void check() {
    Secret secret = secrets().get();
    Optional<WebhookCertificate> current = WebhookCertificate.fromSecret(secret);
    if (settings.mode() == CertificateMode.SELF_SIGNED && needsNew(current)) {
      current = Optional.of(renew(secret, current));
    }
    if (current.isEmpty()) {
      log.warn(
          "waiting for Secret {}/{} to hold tls.crt and tls.key (written by cert-manager)",
          settings.namespace(),
          settings.secretName());
      return;
    }
    WebhookCertificate cert = current.get();
    if (settings.mode() == CertificateMode.SELF_SIGNED) {
      caBundles.ensure(cert.caBundlePem());
    }
    if (!cert.equals(served)) {
      serve.accept(cert);
      served = cert;
      log.info("serving the webhook certificate valid until {}", cert.notAfter());
    }
  }

  private boolean needsNew(Optional<WebhookCertificate> current) {
    Instant now = clock.instant();
    return current.isEmpty()
        || current.get().renewalDue(now)
        || !current.get().covers(settings.dnsNames());
  }

  private WebhookCertificate renew(Secret secret, Optional<WebhookCertificate> current) {
    List<X509Certificate> previousCas =
        current.map(WebhookCertificate::caCertificates).orElse(List.of());
    WebhookCertificate fresh =
        issuer.issue(settings.dnsNames(), clock.instant(), settings.validity(), previousCas);
    try {
      if (secret == null) {
        client.secrets().inNamespace(settings.namespace()).resource(newSecret(fresh)).create();
        log.info("webhook certificate issued into Secret {}", settings.secretName());
      } else {
        // The type stays: it is immutable, and an existing Secret of another type still works.
        Secret next = new SecretBuilder(secret).withData(fresh.secretData()).build();
        // resourceVersion is kept: a replica renewing at the same time gets 409.
        client.secrets().inNamespace(settings.namespace()).resource(next).update();
        log.info("webhook certificate renewed in Secret {}", settings.secretName());
      }
      return fresh;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      log.info("another replica renewed the webhook certificate first; using theirs");
      return WebhookCertificate.fromSecret(secrets().get())
          .orElseThrow(() -> new IllegalStateException("the renewed Secret is unreadable", e));
    }
  }

  private Secret newSecret(WebhookCertificate cert) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(settings.secretName())
        .withNamespace(settings.namespace())
        .addToLabels("app.kubernetes.io/managed-by", "costsentry-operator")
        .endMetadata()
        .withType("kubernetes.io/tls")
        .withData(cert.secretData())
        .build();
  }

  private io.fabric8.kubernetes.client.dsl.Resource<Secret> secrets() {
    return client.secrets().inNamespace(settings.namespace()).withName(settings.secretName());
  }
}
