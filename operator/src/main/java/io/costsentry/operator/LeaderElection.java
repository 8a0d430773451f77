package io.costsentry.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The JOSDK leader election of one replica, from {@link OperatorConfig}: the Lease, this replica's
 * identity in it, and the timings, which all follow from the lease duration in the proportions
 * client-go and JOSDK use by default (15 s lease, 10 s renewal deadline, 2 s retry period).
 */
final class LeaderElection {
  /** Namespace of the Lease when neither the flag nor the Kubernetes client names one. */
  static final String FALLBACK_NAMESPACE = "default";

  private LeaderElection() {}

  static LeaderElectionConfiguration configuration(
      OperatorConfig config, String clientNamespace, Leadership leadership) {
    Duration lease = config.leaseDuration();
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName())
        .withLeaseNamespace(namespace(config, clientNamespace))
        .withIdentity(identity(config, System.getenv()))
        .withLeaseDuration(lease)
        .withRenewDeadline(renewDeadline(lease))
        .withRetryPeriod(retryPeriod(lease))
        .withLeaderCallbacks(leadership.callbacks())
        // Leadership handles the loss; JOSDK's own exit deadlocks in a shutdown hook.
        .withExitOnStopLeading(false)
        .build();
  }

  /** The flag, else the client's namespace (in a pod: the service account's), else default. */
  static String namespace(OperatorConfig config, String clientNamespace) {
    if (config.leaseNamespace() != null) {
      return config.leaseNamespace();
    }
    return clientNamespace != null && !clientNamespace.isBlank()
        ? clientNamespace
        : FALLBACK_NAMESPACE;
  }

  /**
   * The configured identity, else the pod name ({@code POD_NAME}, or {@code HOSTNAME} which
   * Kubernetes sets to it) with a random suffix: a restarted container must not pass for the
   * process that held the Lease before it, and two processes on one host must differ.
   */
  static String identity(OperatorConfig config, Map<String, String> env) {
    if (config.leaseIdentity() != null) {
      return config.leaseIdentity();
    }
    String pod = env.get("POD_NAME");
    if (pod == null || pod.isBlank()) {
      pod = env.get("HOSTNAME");
    }
    if (pod == null || pod.isBlank()) {
      pod = "costsentry-operator";
    }
    return pod + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** How long a leader keeps trying to renew before it gives up leading: 2/3 of the lease. */
  static Duration renewDeadline(Duration lease) {
    return lease.multipliedBy(2).dividedBy(3);
  }

  /** Time between attempts to acquire or renew: 2/15 of the lease. */
  static Duration retryPeriod(Duration lease) {
    return lease.multipliedBy(2).dividedBy(15);
  }
}
