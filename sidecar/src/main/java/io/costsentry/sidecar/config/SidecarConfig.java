package io.costsentry.sidecar.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything a sidecar process is configured with. Loaded from flags and {@code COSTSENTRY_*}
 * environment variables by {@link io.costsentry.sidecar.SidecarMain}; tests build it directly.
 *
 * @param bedrockEndpoint upstream Bedrock Runtime endpoint; {@code null} means the regional one
 * @param region AWS region for signing and the default endpoints; {@code null} means the AWS chain
 * @param dynamoDbEndpoint {@code null} means the regional DynamoDB endpoint
 * @param policyFile standalone manifests; {@code null} means the policies the operator writes to
 *     the DynamoDB ledger table
 * @param costCenter the pod's cost center; requests are charged to it and may not change it
 * @param maxRequestBytes requests with larger bodies are refused before anything is reserved
 * @param holdTtl after this a reservation whose request never settled is reclaimed; must exceed
 *     {@code upstreamTimeout} so a live request's hold is never reclaimed
 * @param policyRefresh how often policies the operator wrote are re-read (no effect with a file)
 * @param ledgerTimeout how long one ledger call may take before the budget's failure policy
 *     decides; {@code null} means the ledger's default (3 s)
 */
public record SidecarConfig(
    HostPort listen,
    HostPort adminListen,
    URI bedrockEndpoint,
    String region,
    LedgerKind ledger,
    URI dynamoDbEndpoint,
    String dynamoDbTable,
    boolean createTable,
    Path policyFile,
    String costCenter,
    String applicationId,
    String environment,
    Set<MetricsOutput> metrics,
    long maxRequestBytes,
    Duration upstreamTimeout,
    Duration holdTtl,
    boolean logPrompts,
    Duration policyRefresh,
    Duration ledgerTimeout) {

  public static final long DEFAULT_MAX_REQUEST_BYTES = 20L * 1024 * 1024;
  public static final Duration DEFAULT_POLICY_REFRESH = Duration.ofSeconds(10);

  public SidecarConfig {
    if (policyFile == null && ledger != LedgerKind.DYNAMODB) {
      throw new IllegalArgumentException(
          "no budgets configured: set COSTSENTRY_CONFIG (or --config) to a YAML file of"
              + " ModelAlias and CostCenterBudget manifests, or use the dynamodb ledger where the"
              + " operator writes them");
    }
    if (costCenter == null || costCenter.isBlank()) {
      throw new IllegalArgumentException(
          "no cost center: set COSTSENTRY_COST_CENTER (or --cost-center)");
    }
    if (!holdTtl.minus(upstreamTimeout).isPositive()) {
      throw new IllegalArgumentException(
          "hold TTL ("
              + holdTtl
              + ") must be longer than the upstream timeout ("
              + upstreamTimeout
              + ") so live requests never lose their reservation");
    }
    metrics = Set.copyOf(metrics);
    policyRefresh = policyRefresh == null ? DEFAULT_POLICY_REFRESH : policyRefresh;
    if (!policyRefresh.isPositive()) {
      throw new IllegalArgumentException("policy refresh interval must be positive");
    }
    if (ledgerTimeout != null && !ledgerTimeout.isPositive()) {
      throw new IllegalArgumentException("ledger timeout must be positive");
    }
  }
}
