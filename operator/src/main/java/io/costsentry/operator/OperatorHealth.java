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
 */
public record OperatorHealth(
    boolean started, boolean eventSourcesHealthy, int controllers, boolean leader) {

  /** Ready for traffic: started with healthy informers, leading or standing by. */
  public boolean ready() {
    return started && eventSourcesHealthy;
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
