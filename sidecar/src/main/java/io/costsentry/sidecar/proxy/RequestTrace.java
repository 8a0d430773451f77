package io.costsentry.sidecar.proxy;

import io.costsentry.core.budget.HeldLimit;
import io.costsentry.core.budget.Reservation;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.sidecar.telemetry.Decision;
import io.costsentry.sidecar.telemetry.RequestOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What is learnt about one request as it moves along the request path; becomes its {@link
 * RequestOutcome} (metrics and audit line) at the end. Confined to the request's thread.
 */
public final class RequestTrace {
  private final String requestId = UUID.randomUUID().toString();
  private final Instant timestamp = Instant.now();
  private final long startNanos = System.nanoTime();
  private final CallerIdentity identity;
  private String api = "Unknown";
  private final Map<String, String> tags = new LinkedHashMap<>();
  private String applicationId;
  private String environment;
  private String model;
  private String modelId;
  private Decision decision = Decision.REJECTED;
  private List<String> limitsChecked = List.of();
  private String deniedBy;
  private TokenUsage usage;
  private String usageSource = "none";
  private long costMicros;
  private int status;
  private String errorType;
  private boolean upstreamFailed;
  private boolean clientDisconnected;
  private String prompt;

  public RequestTrace(CallerIdentity identity) {
    this.identity = identity;
    this.applicationId = identity.applicationId();
    this.environment = identity.environment();
  }

  public String requestId() {
    return requestId;
  }

  public Instant timestamp() {
    return timestamp;
  }

  public String api() {
    return api;
  }

  public void api(String api) {
    this.api = api;
  }

  public CallerIdentity identity() {
    return identity;
  }

  public String applicationId() {
    return applicationId;
  }

  public String environment() {
    return environment;
  }

  public String model() {
    return model;
  }

  public String modelId() {
    return modelId;
  }

  public Map<String, String> tags() {
    return tags;
  }

  public void applicationId(String applicationId) {
    this.applicationId = applicationId;
  }

  public void environment(String environment) {
    this.environment = environment;
  }

  public void model(String model, String modelId) {
    this.model = model;
    this.modelId = modelId;
  }

  public void approved(Reservation reservation) {
    decision = Decision.APPROVED;
    limitsChecked = names(reservation.holds());
  }

  public void denied(String limit) {
    decision = Decision.DENIED;
    deniedBy = limit;
  }

  public void ledgerUnavailable() {
    decision = Decision.LEDGER_UNAVAILABLE;
  }

  public void billed(TokenUsage usage, String source, long costMicros) {
    this.usage = usage;
    this.usageSource = source;
    this.costMicros = costMicros;
  }

  public void status(int status) {
    this.status = status;
  }

  public void error(String errorType) {
    this.errorType = errorType;
  }

  public void upstreamFailed() {
    this.upstreamFailed = true;
  }

  public void clientDisconnected() {
    this.clientDisconnected = true;
  }

  public void prompt(String prompt) {
    this.prompt = prompt;
  }

  public long costMicros() {
    return costMicros;
  }

  public TokenUsage usage() {
    return usage;
  }

  /** The profile's unique id when routed to an inference profile, else the model id. */
  private String modelMetric() {
    if (modelId != null && modelId.startsWith("arn:") && modelId.contains("inference-profile/")) {
      return modelId.substring(modelId.lastIndexOf('/') + 1);
    }
    return modelId;
  }

  public String modelMetricId() {
    return modelMetric();
  }

  private static List<String> names(List<HeldLimit> holds) {
    return holds.stream()
        .map(h -> h.limit().owner().name() + "/" + h.limit().policy().name())
        .toList();
  }

  public RequestOutcome toOutcome() {
    Map<String, String> allTags = new LinkedHashMap<>(tags);
    return new RequestOutcome(
        requestId,
        timestamp,
        api,
        model,
        modelId,
        modelMetric(),
        identity.costCenter(),
        applicationId,
        environment,
        allTags,
        decision,
        limitsChecked,
        deniedBy,
        usage,
        usageSource,
        costMicros,
        status,
        errorType,
        upstreamFailed,
        clientDisconnected,
        (System.nanoTime() - startNanos) / 1_000_000,
        prompt);
  }
}
