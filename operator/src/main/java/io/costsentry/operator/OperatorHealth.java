package io.costsentry.operator;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;

/**
 * What the admin endpoints report, read afresh on every request.
 *
 * @param started the operator started: informers run (a standby replica is started too)
 * @param eventSourcesHealthy every informer is connected
 * @param controllers registered reconcilers
 * @param leader this replica holds the Lease (always true without leader election)
 * @param webhookReady the admission webhooks serve with a certificate and synced informers (true
 *     when they are off)
 */
public record OperatorHealth(
    boolean started,
    boolean eventSourcesHealthy,
    int controllers,
    boolean leader,
    boolean webhookReady) {

  public OperatorHealth(
      boolean started, boolean eventSourcesHealthy, int controllers, boolean leader) {
    this(started, eventSourcesHealthy, controllers, leader, true);
  }

  /**
   * Ready for traffic: started with healthy informers, leading or standing by, and able to answer
   * admission requests (the webhook Service sends them to ready replicas only).
   */
  public boolean ready() {
    return started && eventSourcesHealthy && webhookReady;
  }

  public OperatorHealth withWebhookReady(boolean ready) {
    return new OperatorHealth(started, eventSourcesHealthy, controllers, leader, ready);
  }

  public static OperatorHealth of(Operator operator, Leadership leadership) {
    RuntimeInfo info = operator.getRuntimeInfo();
    boolean started = info.isStarted();
    return new OperatorHealth(
        started,
        // JOSDK warns on every health query before start; a probe polls before start.
        started && info.allEventSourcesAreHealthy(),
        info.getRegisteredControllers().size(),
        leadership.isLeader());
  }
}
