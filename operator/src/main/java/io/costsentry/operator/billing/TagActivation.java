package io.costsentry.operator.billing;

import io.costsentry.operator.bedrock.PermanentAwsException;
import io.costsentry.operator.bedrock.TransientAwsException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activates the costCenter, applicationId and environment cost allocation tags, account-wide: lists
 * them first and updates only the inactive ones, at most once per refresh interval (once per retry
 * interval after a failure), whatever the number of budgets asking. A key Cost Explorer does not
 * know yet (no billed resource carried it) cannot be activated: it is reported, and tried again at
 * the next refresh.
 */
public final class TagActivation {
  private static final Logger log = LoggerFactory.getLogger(TagActivation.class);

  /**
   * @param active true when every key is active; {@code null} before the first answer
   * @param inactive the keys not active (unknown to Cost Explorer or refused)
   * @param problem why the last attempt failed, or {@code null}
   */
  public record State(Boolean active, List<String> inactive, Problem problem) {
    static final State UNKNOWN = new State(null, List.of(), null);
  }

  private final CostExplorer costExplorer;
  private final Clock clock;
  private final Throttle throttle;
  private State state = State.UNKNOWN;

  public TagActivation(CostExplorer costExplorer, BillingConfig config, Clock clock) {
    this.costExplorer = costExplorer;
    this.clock = clock;
    this.throttle = new Throttle(config.refreshInterval(), config.retryInterval());
  }

  /** The tags' state, checked (and inactive ones activated) when due. */
  public synchronized State current() {
    Instant now = clock.instant();
    if (throttle.due(now)) {
      state = check(now);
    }
    return state;
  }

  private State check(Instant now) {
    try {
      Map<String, Boolean> status = costExplorer.tagStatus(CostAllocationTags.KEYS);
      List<String> inactive = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String key : CostAllocationTags.KEYS) {
        Boolean active = status.get(key);
        if (active == null) {
          unknown.add(key);
        } else if (!active) {
          inactive.add(key);
        }
      }
      List<String> stillInactive = new ArrayList<>(unknown);
      if (!inactive.isEmpty()) {
        Map<String, String> refused = costExplorer.activate(inactive);
        log.info("cost allocation tags activated: {}; refused: {}", inactive, refused);
        stillInactive.addAll(refused.keySet());
      }
      throttle.succeeded(now);
      if (stillInactive.isEmpty()) {
        return new State(true, List.of(), null);
      }
      // Not a problem for Degraded: right after installation no profile has been billed yet, so
      // Cost Explorer does not know the keys; the status field shows it and the next refresh
      // retries.
      log.info(
          "cost allocation tag(s) {} not active yet: Cost Explorer lists a key only after a billed"
              + " resource carried it; retried at the next billing refresh",
          stillInactive);
      return new State(false, stillInactive, null);
    } catch (PermanentAwsException | TransientAwsException e) {
      throttle.failed(now);
      log.warn("cost allocation tags: {}", e.getMessage());
      return new State(state.active(), state.inactive(), Problem.of("CostExplorer", e));
    }
  }
}
