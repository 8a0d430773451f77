package io.costsentry.operator;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the operator process is configured with, loaded once by {@link OperatorMain} from
 * flags and environment variables (see {@code docs/operator.md} for the table).
 *
 * @param region AWS region of Bedrock and DynamoDB, or {@code null} for the default AWS chain
 * @param bedrockEndpoint Bedrock control-plane endpoint override, or {@code null} for the regional
 *     endpoint
 * @param dynamoDbEndpoint DynamoDB endpoint override, or {@code null} for the regional endpoint
 * @param dynamoDbTable the ledger table, which also holds the operator → sidecar records
 * @param createTable create the table when it does not exist
 * @param statusRefreshInterval how often a CostCenterBudget's usage is read from the ledger into
 *     its status (and its profiles re-checked for drift)
 * @param leaderElection run only while holding the lease, so replicas can stand by
 * @param leaseName name of the {@code coordination.k8s.io} Lease
 * @param leaseNamespace namespace of the Lease, or {@code null} for the client's namespace
 * @param adminPort port of {@code /healthz}, {@code /readyz} and {@code /metrics}; 0 picks a free
 *     port, -1 disables the server
 * @param eventNamespace namespace Kubernetes Events about the (cluster-scoped) resources go to
 */
public record OperatorConfig(
    String region,
    URI bedrockEndpoint,
    URI dynamoDbEndpoint,
    String dynamoDbTable,
    boolean createTable,
    Duration statusRefreshInterval,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int adminPort,
    String eventNamespace) {

  public static final String DEFAULT_TABLE = "costsentry-ledger";
  public static final Duration DEFAULT_STATUS_REFRESH = Duration.ofSeconds(30);
  public static final String DEFAULT_LEASE_NAME = "costsentry-operator";
  public static final int DEFAULT_ADMIN_PORT = 9798;
  public static final String DEFAULT_EVENT_NAMESPACE = "default";

  public OperatorConfig {
    if (dynamoDbTable == null || dynamoDbTable.isBlank()) {
      dynamoDbTable = DEFAULT_TABLE;
    }
    statusRefreshInterval =
        statusRefreshInterval == null ? DEFAULT_STATUS_REFRESH : statusRefreshInterval;
    if (statusRefreshInterval.isNegative() || statusRefreshInterval.isZero()) {
      throw new IllegalArgumentException(
          "status refresh interval must be positive, got " + statusRefreshInterval);
    }
    if (leaseName == null || leaseName.isBlank()) {
      leaseName = DEFAULT_LEASE_NAME;
    }
    if (leaseNamespace != null && leaseNamespace.isBlank()) {
      leaseNamespace = null;
    }
    if (adminPort < -1 || adminPort > 65_535) {
      throw new IllegalArgumentException("admin port must be -1 to 65535, got " + adminPort);
    }
    if (eventNamespace == null || eventNamespace.isBlank()) {
      eventNamespace = DEFAULT_EVENT_NAMESPACE;
    }
  }

  /** Regional endpoints, the default table (created when missing), leader election on. */
  public static OperatorConfig defaults() {
    return new OperatorConfig(
        null,
        null,
        null,
        DEFAULT_TABLE,
        true,
        DEFAULT_STATUS_REFRESH,
        true,
        DEFAULT_LEASE_NAME,
        null,
        DEFAULT_ADMIN_PORT,
        DEFAULT_EVENT_NAMESPACE);
  }

  public OperatorConfig withStatusRefreshInterval(Duration interval) {
    return new OperatorConfig(
        region,
        bedrockEndpoint,
        dynamoDbEndpoint,
        dynamoDbTable,
        createTable,
        Objects.requireNonNull(interval),
        leaderElection,
        leaseName,
        leaseNamespace,
        adminPort,
        eventNamespace);
  }

  public OperatorConfig withLeaderElection(boolean enabled) {
    return new OperatorConfig(
        region,
        bedrockEndpoint,
        dynamoDbEndpoint,
        dynamoDbTable,
        createTable,
        statusRefreshInterval,
        enabled,
        leaseName,
        leaseNamespace,
        adminPort,
        eventNamespace);
  }
}
