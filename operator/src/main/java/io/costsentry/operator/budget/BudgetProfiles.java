package io.costsentry.operator.budget;

import io.costsentry.core.config.PolicyStore;
import io.costsentry.crds.v1alpha1.InferenceProfileStatus;
import io.costsentry.operator.bedrock.InferenceProfiles;
import io.costsentry.operator.bedrock.PermanentAwsException;
import io.costsentry.operator.bedrock.ProfileState;
import io.costsentry.operator.bedrock.TransientAwsException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cost center's application inference profiles, one per alias, and the routes that send its
 * requests through them: created or adopted, re-tagged and routed when something about them changed
 * or the drift-repair interval passed (see {@link VerifiedProfiles}), deleted when the alias or the
 * budget goes away.
 */
public final class BudgetProfiles {
  /**
   * A request Bedrock refused for good is sent again this late at the earliest unless it changes
   * (as a ModelAlias with a permanent error is re-checked).
   */
  public static final Duration PERMANENT_ERROR_RECHECK = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(BudgetProfiles.class);

  private final InferenceProfiles bedrock;
  private final PolicyStore store;
  private final RefusedRequests refused;
  private final VerifiedProfiles verified;

  /**
   * How long a record written for the sidecars is not written again with the same content: the
   * earliest a profile is checked again, so that each drift-repair check of a profile also rewrites
   * its route.
   */
  public static Duration recordRewriteAfter(Duration driftRepairInterval) {
    return VerifiedProfiles.earliestRecheck(driftRepairInterval);
  }

  /**
   * @param driftRepairInterval how long a profile checked in Bedrock is taken as it was: it is
   *     checked again (tags re-applied, route rewritten) after that long even if nothing changed
   */
  public BudgetProfiles(
      InferenceProfiles bedrock, PolicyStore store, Clock clock, Duration driftRepairInterval) {
    this.bedrock = bedrock;
    this.store = store;
    this.refused = new RefusedRequests(clock, PERMANENT_ERROR_RECHECK);
    this.verified = new VerifiedProfiles(clock, driftRepairInterval);
  }

  /**
   * What a sync achieved.
   *
   * @param profiles alias → profile, in alias order: the ones in force (including profiles kept
   *     while their alias is not ready, and stale ones whose deletion failed)
   * @param waiting aliases that cannot have a profile yet, with why
   * @param failed what Bedrock refused, one line per alias
   */
  public record Outcome(
      List<InferenceProfileStatus> profiles, List<String> waiting, List<String> failed) {}

  /**
   * @param models alias → the model ARN its profile copies, {@code null} while the alias is not
   *     ready
   * @param previous the profiles in the previous status, under {@code previousCostCenter}
   * @param generation the budget's generation: an edited budget retries what Bedrock refused
   * @throws TransientAwsException when Bedrock throttles or fails: the whole sync is retried
   */
  public Outcome sync(
      String costCenter,
      Map<String, String> models,
      Map<String, String> tags,
      List<InferenceProfileStatus> previous,
      String previousCostCenter,
      long generation) {
    Map<String, InferenceProfileStatus> before = byAlias(previous);
    boolean sameCostCenter = previousCostCenter == null || previousCostCenter.equals(costCenter);
    Map<String, InferenceProfileStatus> result = new TreeMap<>();
    List<String> waiting = new ArrayList<>();
    List<String> failed = new ArrayList<>();

    for (Map.Entry<String, String> e : new TreeMap<>(models).entrySet()) {
      String alias = e.getKey();
      String modelArn = e.getValue();
      if (modelArn == null) {
        waiting.add(alias);
        if (sameCostCenter && before.containsKey(alias)) {
          result.put(alias, before.get(alias)); // keep routing until the alias is ready again
        }
        continue;
      }
      String name = ProfileNames.of(costCenter, alias);
      String knownArn =
          sameCostCenter && before.containsKey(alias) ? before.get(alias).getArn() : null;
      VerifiedProfiles.Request asked =
          new VerifiedProfiles.Request(name, modelArn, tags, generation);
      Optional<String> fresh = verified.fresh(costCenter, alias, asked, knownArn);
      if (fresh.isPresent()) {
        result.put(alias, status(alias, fresh.get())); // checked and routed recently
        continue;
      }
      RefusedRequests.Request request =
          new RefusedRequests.Request("ensure", name, modelArn, tags, generation);
      try {
        Optional<PermanentAwsException> refusal = refused.refusal(request);
        if (refusal.isPresent()) {
          throw refusal.get(); // not sent again: Bedrock would refuse it the same way
        }
        ProfileState state = ensure(request, name, modelArn, tags, knownArn);
        if (state.change() != ProfileState.Change.NONE) {
          log.info("cost center {}: profile {} {}", costCenter, name, state.change());
        }
        store.putRoute(costCenter, alias, state.arn());
        verified.remember(costCenter, alias, asked, state.arn());
        result.put(alias, status(alias, state.arn()));
      } catch (PermanentAwsException ex) {
        failed.add(alias + ": " + ex.getMessage());
        if (sameCostCenter && before.containsKey(alias)) {
          result.put(alias, before.get(alias));
        }
      }
    }

    // Profiles no longer wanted: alias gone or deselected, or the cost center was renamed.
    for (InferenceProfileStatus stale : before.values()) {
      boolean stillWanted = sameCostCenter && models.containsKey(stale.getAlias());
      if (stillWanted) {
        continue;
      }
      String owner = sameCostCenter ? costCenter : previousCostCenter;
      RefusedRequests.Request request =
          new RefusedRequests.Request("delete", stale.getArn(), null, Map.of(), generation);
      try {
        Optional<PermanentAwsException> refusal = refused.refusal(request);
        if (refusal.isPresent()) {
          throw refusal.get();
        }
        remove(owner, stale, request);
      } catch (PermanentAwsException ex) {
        failed.add(stale.getAlias() + ": deleting " + stale.getArn() + ": " + ex.getMessage());
        result.putIfAbsent(stale.getAlias(), stale); // keep it listed so deletion is retried
      }
    }
    return new Outcome(List.copyOf(result.values()), waiting, failed);
  }

  /**
   * Deletes every profile and route of the cost center: those in status, and any that exists under
   * the deterministic name of a known alias (created but never recorded in status).
   *
   * @return what could not be deleted, one line each; empty when all is gone
   */
  public List<String> deleteAll(
      String costCenter, List<InferenceProfileStatus> recorded, Collection<String> aliases) {
    List<String> failures = new ArrayList<>();
    Map<String, InferenceProfileStatus> targets = new LinkedHashMap<>(byAlias(recorded));
    Set<String> names = new LinkedHashSet<>(aliases);
    names.removeAll(targets.keySet());
    for (String alias : names) {
      try {
        bedrock
            .find(ProfileNames.of(costCenter, alias))
            .ifPresent(p -> targets.put(alias, status(alias, p.arn())));
      } catch (RuntimeException e) {
        failures.add(alias + ": looking up its profile: " + e.getMessage());
      }
    }
    for (InferenceProfileStatus p : targets.values()) {
      try {
        remove(costCenter, p);
      } catch (RuntimeException e) {
        failures.add(p.getAlias() + ": deleting " + p.getArn() + ": " + e.getMessage());
      }
    }
    for (String alias : names) {
      if (!targets.containsKey(alias)) {
        verified.forget(costCenter, alias);
        try {
          store.deleteRoute(costCenter, alias);
        } catch (RuntimeException e) {
          failures.add(alias + ": deleting its route: " + e.getMessage());
        }
      }
    }
    return failures;
  }

  private ProfileState ensure(
      RefusedRequests.Request request,
      String name,
      String modelArn,
      Map<String, String> tags,
      String knownArn) {
    try {
      return bedrock.ensure(name, modelArn, tags, knownArn);
    } catch (PermanentAwsException e) {
      refused.remember(request, e);
      throw e;
    }
  }

  private void remove(
      String costCenter, InferenceProfileStatus p, RefusedRequests.Request request) {
    try {
      remove(costCenter, p);
    } catch (PermanentAwsException e) {
      refused.remember(request, e);
      throw e;
    }
  }

  private void remove(String costCenter, InferenceProfileStatus p) {
    verified.forget(costCenter, p.getAlias());
    // Route first: a route must never point at a deleted profile.
    store.deleteRoute(costCenter, p.getAlias());
    if (p.getArn() != null) {
      bedrock.delete(p.getArn());
      log.info(
          "cost center {}: profile {} of alias {} deleted", costCenter, p.getArn(), p.getAlias());
    }
  }

  private static Map<String, InferenceProfileStatus> byAlias(List<InferenceProfileStatus> list) {
    Map<String, InferenceProfileStatus> map = new TreeMap<>();
    if (list != null) {
      list.stream()
          .filter(p -> Objects.nonNull(p.getAlias()))
          .forEach(p -> map.put(p.getAlias(), p));
    }
    return map;
  }

  static InferenceProfileStatus status(String alias, String arn) {
    InferenceProfileStatus s = new InferenceProfileStatus();
    s.setAlias(alias);
    s.setArn(arn);
    return s;
  }
}
