package io.costsentry.operator.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The profiles this operator last checked in Bedrock (and routed), with what was asked and when, so
 * that the status refresh does not ask Bedrock again about a profile nothing changed for. A profile
 * is checked again when its request changes (another model, other tags, a new generation of the
 * budget), when the ARN the budget's status holds is not the one checked, or once it is due for
 * drift repair: between {@link #EARLIEST_SHARE} and all of {@code driftRepairInterval} after the
 * last check, at a point fixed by a hash of cost center and alias, so that the profiles of budgets
 * created together do not all fall due in the same refresh round (a burst of Bedrock calls that
 * would be throttled). The interval bounds how long tag drift made outside CostSentry (or a profile
 * deleted by hand) goes unrepaired. Held in memory: a restarted operator, or a new leader, checks
 * every profile once.
 */
final class VerifiedProfiles {
  /** The earliest a profile is checked again, as a share of the drift-repair interval. */
  static final double EARLIEST_SHARE = 0.8;

  /** What was asked for the profile of (cost center, alias). */
  record Request(String name, String modelArn, Map<String, String> tags, long generation) {}

  private record Key(String costCenter, String alias) {
    /** Where in the last part of the interval this profile falls due, from 0 to 1. */
    double spread() {
      return Math.floorMod(hashCode(), 1000) / 1000.0;
    }
  }

  private record Verified(Request request, String arn, Instant at) {}

  private final Map<Key, Verified> verified = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration driftRepairInterval;

  VerifiedProfiles(Clock clock, Duration driftRepairInterval) {
    this.clock = clock;
    this.driftRepairInterval = driftRepairInterval;
  }

  /** The earliest any profile is checked again. */
  static Duration earliestRecheck(Duration driftRepairInterval) {
    return Duration.ofMillis(Math.round(driftRepairInterval.toMillis() * EARLIEST_SHARE));
  }

  /**
   * The profile's ARN when the same request was checked and is not due for drift repair yet, and
   * {@code knownArn} (from the budget's status) is the ARN it resolved to; empty when Bedrock must
   * be asked.
   */
  Optional<String> fresh(String costCenter, String alias, Request request, String knownArn) {
    Key key = new Key(costCenter, alias);
    Verified v = verified.get(key);
    if (v == null
        || !v.request().equals(request)
        || !v.arn().equals(knownArn)
        || !clock.instant().isBefore(v.at().plus(dueAfter(key)))) {
      return Optional.empty();
    }
    return Optional.of(v.arn());
  }

  void remember(String costCenter, String alias, Request request, String arn) {
    verified.put(new Key(costCenter, alias), new Verified(request, arn, clock.instant()));
  }

  void forget(String costCenter, String alias) {
    verified.remove(new Key(costCenter, alias));
  }

  int size() {
    return verified.size();
  }

  private Duration dueAfter(Key key) {
    long interval = driftRepairInterval.toMillis();
    long earliest = earliestRecheck(driftRepairInterval).toMillis();
    return Duration.ofMillis(earliest + Math.round((interval - earliest) * key.spread()));
  }
}
