package io.costsentry.operator.budget;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces alerts as Kubernetes Events on the CostCenterBudget. An Event's name is derived from
 * (budget, kind, limit, threshold, window), so announcing the same alert twice (a status write that
 * was lost, two replicas during a leader hand-over) creates it once. Events are best effort: a
 * failure is logged, never fails the reconcile.
 */
public final class BudgetEvents {
  public static final String COMPONENT = "costsentry-operator";
  private static final Logger log = LoggerFactory.getLogger(BudgetEvents.class);

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;

  public BudgetEvents(KubernetesClient client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
  }

  public void announce(CostCenterBudget budget, String costCenter, Alert alert) {
    Event event = build(budget, costCenter, alert);
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
      log.info(
          "CostCenterBudget {}: {} {}",
          budget.getMetadata().getName(),
          alert.kind().reason(),
          event.getMessage());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        log.warn(
            "CostCenterBudget {}: could not record Event {}: {}",
            budget.getMetadata().getName(),
            event.getMetadata().getName(),
            e.getMessage());
      }
    }
  }

  Event build(CostCenterBudget budget, String costCenter, Alert alert) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withName(name(budget.getMetadata().getName(), alert))
        .withNamespace(namespace)
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(budget.getApiVersion())
        .withKind(budget.getKind())
        .withName(budget.getMetadata().getName())
        .withUid(budget.getMetadata().getUid())
        .withResourceVersion(budget.getMetadata().getResourceVersion())
        .endInvolvedObject()
        .withType(alert.isWarning() ? "Warning" : "Normal")
        .withReason(alert.kind().reason())
        .withMessage(message(costCenter, alert))
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", COMPONENT))
        .build();
  }

  static String message(String costCenter, Alert alert) {
    return switch (alert.kind()) {
      case THRESHOLD_CROSSED ->
          "cost center "
              + costCenter
              + ": limit "
              + alert.limit()
              + " is at "
              + alert.percent()
              + "% (alert threshold "
              + alert.threshold()
              + "%) in the window "
              + alert.windowStart()
              + " to "
              + alert.windowEnd();
      case WINDOW_RESET ->
          "cost center "
              + costCenter
              + ": limit "
              + alert.limit()
              + " reset: new window "
              + alert.windowStart()
              + " to "
              + alert.windowEnd()
              + " (the previous one ended at "
              + alert.percent()
              + "%)";
    };
  }

  /** A valid Event name (DNS subdomain), the same for the same alert. */
  static String name(String budgetName, Alert alert) {
    String key =
        alert.kind()
            + "\u0000"
            + alert.limit()
            + "\u0000"
            + alert.threshold()
            + "\u0000"
            + alert.windowStart();
    String suffix = hash(budgetName + "\u0000" + key);
    String head = budgetName.length() > 200 ? budgetName.substring(0, 200) : budgetName;
    while (head.endsWith(".") || head.endsWith("-")) {
      head = head.substring(0, head.length() - 1);
    }
    return head + "." + suffix;
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
