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
 *     its status
 * @param leaderElection run only while holding the lease, so replicas can stand by
 * @param leaseName name of the {@code coordination.k8s.io} Lease
 * @param leaseNamespace namespace of the Lease, or {@code null} for the client's namespace
 * @param adminPort port of {@code /healthz}, {@code /readyz} and {@code /metrics}; 0 picks a free
 *     port, -1 disables the server
 * @param eventNamespace namespace Kubernetes Events about the (cluster-scoped) resources go to
 * @param leaseDuration how long a Lease not renewed stays with its holder: the longest a standby
 *     waits to take over from a replica that died (renewal deadline and retry period follow from
 *     it, see {@link LeaderElection})
 * @param leaseIdentity this replica's name in the Lease, or {@code null} for the pod name plus a
 *     random suffix, unique per process
 * @param driftRepairInterval how long a profile checked in Bedrock, and a record written to
 *     DynamoDB, are taken to be as the operator left them: after that long they are checked (tags
 *     re-applied) and rewritten even if nothing changed. Changes of a budget or an alias are synced
 *     at once, whatever this interval
 * @param reconcileThreads how many resources are reconciled at the same time
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
    String eventNamespace,
    Duration leaseDuration,
    String leaseIdentity,
    Duration driftRepairInterval,
    int reconcileThreads) {

  public static final String DEFAULT_TABLE = "costsentry-ledger";
  public static final Duration DEFAULT_STATUS_REFRESH = Duration.ofSeconds(30);
  public static final String DEFAULT_LEASE_NAME = "costsentry-operator";
  public static final int DEFAULT_ADMIN_PORT = 9798;
  public static final String DEFAULT_EVENT_NAMESPACE = "default";

  /** As in client-go and JOSDK: a standby takes over at most 15 s after the leader died. */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);

  /**
   * Drift made outside CostSentry (a tag edited on a profile, a record deleted) is repaired within
   * this long; checking every profile once per interval costs two Bedrock calls per profile.
   */
  public static final Duration DEFAULT_DRIFT_REPAIR = Duration.ofMinutes(10);

  /** JOSDK's own default: reconciles mostly wait on AWS and the API server, not on the CPU. */
  public static final int DEFAULT_RECONCILE_THREADS = 50;

  /** Shortest lease: renewals every {@code leaseDuration / 7.5} must still be possible. */
  static final Duration MIN_LEASE_DURATION = Duration.ofSeconds(1);

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
    leaseDuration = leaseDuration == null ? DEFAULT_LEASE_DURATION : leaseDuration;
    if (leaseDuration.compareTo(MIN_LEASE_DURATION) < 0) {
      throw new IllegalArgumentException(
          "lease duration must be at least " + MIN_LEASE_DURATION + ", got " + leaseDuration);
    }
    if (leaseIdentity != null && leaseIdentity.isBlank()) {
      leaseIdentity = null;
    }
    driftRepairInterval = driftRepairInterval == null ? DEFAULT_DRIFT_REPAIR : driftRepairInterval;
    if (driftRepairInterval.isNegative() || driftRepairInterval.isZero()) {
      throw new IllegalArgumentException(
          "drift repair interval must be positive, got " + driftRepairInterval);
    }
    if (reconcileThreads == 0) {
      reconcileThreads = DEFAULT_RECONCILE_THREADS;
    }
    if (reconcileThreads < 0) {
      throw new IllegalArgumentException(
          "reconcile threads must be positive, got " + reconcileThreads);
    }
  }

  /**
   * As the canonical constructor, with the default lease duration, a generated identity, the
   * default drift-repair interval and reconcile threads.
   */
  public OperatorConfig(
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
    this(
        region,
        bedrockEndpoint,
        dynamoDbEndpoint,
        dynamoDbTable,
        createTable,
        statusRefreshInterval,
        leaderElection,
        leaseName,
        leaseNamespace,
        adminPort,
        eventNamespace,
        null,
        null,
        null,
        0);
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
        DEFAULT_EVENT_NAMESPACE,
        DEFAULT_LEASE_DURATION,
        null,
        DEFAULT_DRIFT_REPAIR,
        DEFAULT_RECONCILE_THREADS);
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
        eventNamespace,
        leaseDuration,
        leaseIdentity,
        driftRepairInterval,
        reconcileThreads);
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
        eventNamespace,
        leaseDuration,
        leaseIdentity,
        driftRepairInterval,
        reconcileThreads);
  }

  /**
   * Leader election in the Lease {@code leaseName} of {@code leaseNamespace}, as replica {@code
   * identity}, with a lease of {@code duration}.
   */
  public OperatorConfig withLeaderElection(
      String leaseName, String leaseNamespace, String identity, Duration duration) {
    return new OperatorConfig(
        region,
        bedrockEndpoint,
        dynamoDbEndpoint,
        dynamoDbTable,
        createTable,
        statusRefreshInterval,
        true,
        leaseName,
        leaseNamespace,
        adminPort,
        eventNamespace,
        duration,
        identity,
        driftRepairInterval,
        reconcileThreads);
  }

  public OperatorConfig withDriftRepairInterval(Duration interval) {
    return new OperatorConfig(
        region,
        bedrockEndpoint,
        dynamoDbEndpoint,
        dynamoDbTable,
        createTable,
        statusRefreshInterval,
        leaderElection,
        leaseName,
        leaseNamespace,
        adminPort,
        eventNamespace,
        leaseDuration,
        leaseIdentity,
        Objects.requireNonNull(interval),
        reconcileThreads);
  }

  public OperatorConfig withReconcileThreads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("reconcile threads must be positive, got " + threads);
    }
    return new OperatorConfig(
        region,
        bedrockEndpoint,
        dynamoDbEndpoint,
        dynamoDbTable,
        createTable,
        statusRefreshInterval,
        leaderElection,
        leaseName,
        leaseNamespace,
        adminPort,
        eventNamespace,
        leaseDuration,
        leaseIdentity,
        driftRepairInterval,
        threads);
  }
}
