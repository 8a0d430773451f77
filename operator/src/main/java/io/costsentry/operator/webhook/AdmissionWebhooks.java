package io.costsentry.operator.webhook;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.webhook.certs.CertificateKeeper;
import io.costsentry.operator.webhook.cluster.ClusterView;
import io.costsentry.operator.webhook.injection.SidecarInjector;
import io.costsentry.operator.webhook.validation.BudgetUniqueness;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.webhook.admission.AdmissionController;
import io.javaoperatorsdk.webhook.admission.mutation.DefaultAdmissionRequestMutator;
import io.javaoperatorsdk.webhook.admission.validation.DefaultAdmissionRequestValidator;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar-injection and budget-validation webhooks of one replica: informers, HTTPS server and
 * certificate keeper, reading a {@link ClusterView} its caller owns. Runs on every replica, leader
 * or not: the Service sends admission requests to any ready one.
 */
public final class AdmissionWebhooks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdmissionWebhooks.class);

  private final ClusterView cluster;
  private final WebhookServer server;
  private final CertificateKeeper certificates;
  private final ScheduledExecutorService scheduler;
  private final WebhookMetrics metrics;

  private AdmissionWebhooks(
      ClusterView cluster,
      WebhookServer server,
      CertificateKeeper certificates,
      ScheduledExecutorService scheduler,
      WebhookMetrics metrics) {
    this.cluster = cluster;
    this.server = server;
    this.certificates = certificates;
    this.scheduler = scheduler;
    this.metrics = metrics;
  }

  /**
   * Starts the informers and the certificate keeper; the HTTPS server starts with the first
   * certificate (at once when self-signed, when cert-manager has written it otherwise).
   */
  public static AdmissionWebhooks start(
      KubernetesClient client,
      ClusterView cluster,
      WebhookConfig config,
      WebhookMetrics metrics,
      Clock clock) {
    SidecarInjector injector =
        new SidecarInjector(config.sidecar(), cluster::namespace, cluster, metrics);
    BudgetUniqueness uniqueness = new BudgetUniqueness(cluster::budgets, metrics);
    Map<String, AdmissionHandler.Route> routes = routes(injector, uniqueness);
    WebhookServer server = new WebhookServer(config.port(), routes, metrics);
    CertificateKeeper certificates =
        new CertificateKeeper(
            client,
            new CertificateKeeper.Settings(
                config.certificates(),
                config.namespace(),
                config.secretName(),
                CertificateKeeper.Settings.serviceNames(config.serviceName(), config.namespace()),
                config.certificateValidity(),
                config.mutatingWebhook(),
                config.validatingWebhook()),
            clock,
            cert -> {
              server.serve(cert);
              metrics.certificateExpires(cert.notAfter());
            });
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "webhook-certificates");
              t.setDaemon(true);
              return t;
            });
    AdmissionWebhooks webhooks =
        new AdmissionWebhooks(cluster, server, certificates, scheduler, metrics);
    long every = config.certificateCheckInterval().toMillis();
    scheduler.scheduleWithFixedDelay(webhooks::checkCertificate, 0, every, TimeUnit.MILLISECONDS);
    return webhooks;
  }

  /** Each path's framework controller, as the HTTPS server serves them. */
  static Map<String, AdmissionHandler.Route> routes(
      SidecarInjector injector, BudgetUniqueness uniqueness) {
    return Map.of(
        WebhookConfig.MUTATE_PODS_PATH,
        new AdmissionHandler.Route(
            WebhookMetrics.INJECTOR,
            new AdmissionController<Pod>(
                new TypedAdmission<>(Pod.class, new DefaultAdmissionRequestMutator<>(injector)))),
        WebhookConfig.VALIDATE_BUDGETS_PATH,
        new AdmissionHandler.Route(
            WebhookMetrics.VALIDATOR,
            new AdmissionController<CostCenterBudget>(
                new TypedAdmission<>(
                    CostCenterBudget.class, new DefaultAdmissionRequestValidator<>(uniqueness)))));
  }

  private void checkCertificate() {
    try {
      certificates.check();
    } catch (RuntimeException e) {
      // Retried at the next check; the current certificate stays in use meanwhile.
      log.warn("webhook certificate check failed", e);
    }
  }

  /** Answering with a certificate, and informers synced: send admission requests here. */
  public boolean ready() {
    return certificates.serving() && server.started() && cluster.synced();
  }

  public int port() {
    return server.port();
  }

  public WebhookMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    server.close();
  }
}
