package io.costsentry.operator.budget;

import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.ledger.LedgerUnavailableException;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetStatus;
import io.costsentry.crds.v1alpha1.InferenceProfilesSpec;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.crds.v1alpha1.ModelAliasStatus;
import io.costsentry.operator.billing.Billing;
import io.costsentry.operator.manifest.ManifestJson;
import io.costsentry.operator.manifest.ManifestValidator;
import io.costsentry.operator.status.Conditions;
import io.costsentry.operator.status.StatusDiff;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CostCenterBudget → the budget record the sidecars enforce, one application inference profile and
 * route per alias, and a status refreshed from the ledger every {@code statusRefreshInterval}, with
 * Events at alert thresholds and window resets.
 *
 * <p>Every reconcile goes through the whole job (publish, ensure profiles, read usage), but only
 * reading usage costs a call each time: the budget record and the routes are written when their
 * content changed ({@code SkipUnchangedWrites}), and a profile is checked in Bedrock when its
 * request changed ({@link VerifiedProfiles}); both are redone anyway once the drift-repair interval
 * has passed. So the scheduled refresh, every {@code statusRefreshInterval}, costs the ledger reads
 * and a status patch when usage moved, while a spec or alias change, or the drift-repair interval,
 * syncs what it affects. Transient AWS and ledger-write errors are thrown (JOSDK retries with
 * backoff); an invalid spec sets {@code Ready=False} and keeps the last good record in force.
 */
@ControllerConfiguration(
    name = CostCenterBudgetReconciler.NAME,
    finalizerName = CostCenterBudgetReconciler.FINALIZER)
public final class CostCenterBudgetReconciler
    implements Reconciler<CostCenterBudget>, Cleaner<CostCenterBudget> {
  public static final String NAME = "costcenterbudget";
  public static final String FINALIZER = "costsentry.io/cost-center-budget";

  /** How soon a failed cleanup is tried again. */
  static final Duration CLEANUP_RETRY = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(CostCenterBudgetReconciler.class);

  private final BudgetProfiles profiles;
  private final PolicyStore store;
  private final UsageReader usage;
  private final BudgetEvents events;
  private final ManifestValidator validator;
  private final Clock clock;
  private final Duration refreshInterval;
  private final Billing billing;
  private volatile InformerEventSource<ModelAlias, CostCenterBudget> aliases;

  public CostCenterBudgetReconciler(
      BudgetProfiles profiles,
      PolicyStore store,
      UsageReader usage,
      BudgetEvents events,
      ManifestValidator validator,
      Clock clock,
      Duration refreshInterval,
      Billing billing) {
    this.billing = billing;
    this.profiles = profiles;
    this.store = store;
    this.usage = usage;
    this.events = events;
    this.validator = validator;
    this.clock = clock;
    this.refreshInterval = refreshInterval;
  }

  /**
   * A ModelAlias change re-reconciles the budgets it matters to ({@link AliasReferences}): their
   * scopes and profiles depend on it.
   */
  @Override
  public List<EventSource<?, CostCenterBudget>> prepareEventSources(
      EventSourceContext<CostCenterBudget> context) {
    InformerEventSourceConfiguration<ModelAlias> config =
        InformerEventSourceConfiguration.from(ModelAlias.class, CostCenterBudget.class)
            .withSecondaryToPrimaryMapper(
                alias ->
                    context
                        .getPrimaryCache()
                        .list()
                        .filter(b -> AliasReferences.uses(b, alias.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    aliases = new InformerEventSource<>(config, context);
    return List.of(aliases);
  }

  @Override
  public UpdateControl<CostCenterBudget> reconcile(
      CostCenterBudget budget, Context<CostCenterBudget> context) {
    Instant now = clock.instant();
    String name = budget.getMetadata().getName();
    long generation = generation(budget);
    String costCenter = costCenter(budget);
    CostCenterBudgetStatus previous = budget.getStatus();
    List<ModelAlias> knownAliases = currentAliases();

    Verdict verdict = check(budget, costCenter, knownAliases, context);
    if (verdict.policy() == null) {
      if (BudgetReasons.DUPLICATE_COST_CENTER.equals(verdict.reason())) {
        // Two records for one cost center make every sidecar refuse the whole snapshot.
        store.deleteBudget(name);
      }
      // Re-checked on schedule too: the governing budget's deletion does not trigger this one.
      return write(budget, refused(budget, costCenter, previous, verdict, now))
          .rescheduleAfter(refreshInterval);
    }
    BudgetPolicy policy = verdict.policy();
    store.putBudget(name, ManifestJson.of(budget));

    CostCenterBudgetStatus next = new CostCenterBudgetStatus();
    next.setObservedGeneration(generation);
    next.setCostCenter(costCenter);
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        Conditions.of(
            CostCenterBudgetStatus.CONDITION_READY,
            true,
            BudgetReasons.PUBLISHED,
            policy.limits().size() + " limit(s) published for the sidecars"));

    BudgetProfiles.Outcome outcome = syncProfiles(budget, costCenter, knownAliases, previous);
    next.setInferenceProfiles(outcome.profiles().isEmpty() ? null : outcome.profiles());
    conditions.add(BudgetConditions.profilesReady(budget, outcome));

    String ledgerProblem = null;
    List<LimitStatus> limits;
    try {
      limits = usage.read(policy, now);
    } catch (LedgerUnavailableException e) {
      ledgerProblem = e.getMessage();
      limits = previous == null ? null : previous.getLimits();
    }
    next.setLimits(limits);
    mostUsed(limits, next);
    conditions.add(BudgetConditions.exceeded(limits));
    Billing.Observation billed = billing.observe(budget, policy, previous);
    next.setBilledCost(
        billed.billed() != null
            ? billed.billed()
            : previous == null ? null : previous.getBilledCost());
    next.setCostAllocationTagsActive(billed.tagsActive());
    next.setAwsBudgetName(billed.awsBudgetName());
    if (billed.drift() != null) {
      conditions.add(billed.drift());
    }
    conditions.add(BudgetConditions.degraded(ledgerProblem, outcome, billed.problems()));
    next.setConditions(
        Conditions.merge(
            previous == null ? null : previous.getConditions(), conditions, generation, now));

    if (ledgerProblem == null) {
      AlertPlanner.plan(
              previous == null ? null : previous.getLimits(), limits, policy.alertThresholds())
          .forEach(alert -> events.announce(budget, costCenter, alert));
    }
    return write(budget, next).rescheduleAfter(refreshInterval);
  }

  @Override
  public DeleteControl cleanup(CostCenterBudget budget, Context<CostCenterBudget> context) {
    String name = budget.getMetadata().getName();
    CostCenterBudgetStatus status = budget.getStatus();
    String costCenter =
        status != null && status.getCostCenter() != null
            ? status.getCostCenter()
            : costCenter(budget);
    List<String> failures = new ArrayList<>();
    Optional<CostCenterBudget> governing = governing(budget, costCenter, context);
    if (governing.isPresent()) {
      // Profiles and routes are named by cost center: they belong to the governing budget.
      log.info(
          "CostCenterBudget {}: cost center {} is governed by {}, its profiles and routes stay",
          name,
          costCenter,
          governing.get().getMetadata().getName());
    } else {
      failures.addAll(billing.cleanup(budget, costCenter));
      failures.addAll(
          profiles.deleteAll(
              costCenter,
              status == null ? null : status.getInferenceProfiles(),
              currentAliases().stream().map(a -> a.getMetadata().getName()).toList()));
    }
    try {
      store.deleteBudget(name);
    } catch (RuntimeException e) {
      failures.add("deleting the budget record: " + e.getMessage());
    }
    if (failures.isEmpty()) {
      log.info("CostCenterBudget {}: profiles, routes and record deleted", name);
      return DeleteControl.defaultDelete();
    }
    String why = String.join("; ", failures);
    log.warn("CostCenterBudget {}: cleanup incomplete, finalizer kept: {}", name, why);
    reportCleanupFailure(budget, context, why);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RETRY.toMillis());
  }

  private void reportCleanupFailure(
      CostCenterBudget budget, Context<CostCenterBudget> context, String why) {
    CostCenterBudgetStatus status =
        budget.getStatus() == null ? new CostCenterBudgetStatus() : copy(budget.getStatus());
    List<Condition> desired = new ArrayList<>();
    desired.add(
        Conditions.of(
            CostCenterBudgetStatus.CONDITION_READY, false, BudgetReasons.CLEANUP_FAILED, why));
    if (status.getConditions() != null) {
      status.getConditions().stream()
          .filter(c -> !CostCenterBudgetStatus.CONDITION_READY.equals(c.getType()))
          .forEach(desired::add);
    }
    status.setConditions(
        Conditions.merge(
            budget.getStatus() == null ? null : budget.getStatus().getConditions(),
            desired,
            generation(budget),
            clock.instant()));
    if (StatusDiff.same(budget.getStatus(), status)) {
      return;
    }
    try {
      // A JSON patch computed against the stored object, as JOSDK's own status updates: a merge
      // patch replaces lists on a real API server, but the Fabric8 mock server appends to them.
      context
          .getClient()
          .resource(budget)
          .editStatus(
              stored -> {
                stored.setStatus(status);
                return stored;
              });
    } catch (RuntimeException e) {
      log.warn(
          "CostCenterBudget {}: could not record the cleanup failure in status: {}",
          budget.getMetadata().getName(),
          e.getMessage());
    }
  }

  /** A publishable policy, or why the budget is refused. */
  private record Verdict(BudgetPolicy policy, String reason, String message) {}

  private Verdict check(
      CostCenterBudget budget,
      String costCenter,
      List<ModelAlias> knownAliases,
      Context<CostCenterBudget> context) {
    Optional<CostCenterBudget> governing = governing(budget, costCenter, context);
    if (governing.isPresent()) {
      String other = governing.get().getMetadata().getName();
      return new Verdict(
          null,
          BudgetReasons.DUPLICATE_COST_CENTER,
          "spec.costCenter: the older CostCenterBudget "
              + other
              + " already governs cost center "
              + costCenter
              + "; this budget takes over once "
              + other
              + " is deleted");
    }
    ManifestValidator.Result<BudgetPolicy> validated =
        validator.budget(
            budget, knownAliases.stream().map(a -> a.getMetadata().getName()).toList());
    return validated.valid()
        ? new Verdict(validated.policy(), null, null)
        : new Verdict(null, BudgetReasons.INVALID_SPEC, validated.message());
  }

  private static Optional<CostCenterBudget> governing(
      CostCenterBudget budget, String costCenter, Context<CostCenterBudget> context) {
    return CostCenterOwnership.governing(budget, costCenter, context.getPrimaryCache().list());
  }

  /** The status of a refused budget: Ready=False, everything else as it was. */
  private CostCenterBudgetStatus refused(
      CostCenterBudget budget,
      String costCenter,
      CostCenterBudgetStatus previous,
      Verdict verdict,
      Instant now) {
    String reason = verdict.reason();
    String message = verdict.message();
    log.info(
        "CostCenterBudget {}: refused ({}): {}", budget.getMetadata().getName(), reason, message);
    CostCenterBudgetStatus next = previous == null ? new CostCenterBudgetStatus() : copy(previous);
    next.setObservedGeneration(generation(budget));
    if (BudgetReasons.DUPLICATE_COST_CENTER.equals(reason)) {
      next.setInferenceProfiles(null); // they are the governing budget's (same names)
    }
    if (next.getCostCenter() == null) {
      next.setCostCenter(costCenter);
    }
    List<Condition> desired = new ArrayList<>();
    desired.add(Conditions.of(CostCenterBudgetStatus.CONDITION_READY, false, reason, message));
    if (previous != null && previous.getConditions() != null) {
      previous.getConditions().stream()
          .filter(c -> !CostCenterBudgetStatus.CONDITION_READY.equals(c.getType()))
          .forEach(desired::add);
    }
    next.setConditions(
        Conditions.merge(
            previous == null ? null : previous.getConditions(), desired, generation(budget), now));
    return next;
  }

  private BudgetProfiles.Outcome syncProfiles(
      CostCenterBudget budget,
      String costCenter,
      List<ModelAlias> knownAliases,
      CostCenterBudgetStatus previous) {
    Map<String, String> models = new LinkedHashMap<>();
    InferenceProfilesSpec spec = budget.getSpec().getInferenceProfiles();
    boolean enabled = spec == null || spec.getEnabled() == null || spec.getEnabled();
    if (enabled) {
      Map<String, ModelAlias> byName =
          knownAliases.stream()
              .collect(Collectors.toMap(a -> a.getMetadata().getName(), a -> a, (a, b) -> a));
      List<String> selected =
          spec != null && spec.getAliases() != null
              ? spec.getAliases()
              : byName.keySet().stream().sorted().toList();
      for (String alias : selected) {
        models.put(alias, readyModelArn(byName.get(alias)));
      }
    }
    return profiles.sync(
        costCenter,
        models,
        ProfileTags.of(budget, costCenter),
        previous == null ? null : previous.getInferenceProfiles(),
        previous == null ? null : previous.getCostCenter(),
        generation(budget));
  }

  private static void mostUsed(List<LimitStatus> limits, CostCenterBudgetStatus status) {
    if (limits == null || limits.isEmpty()) {
      return;
    }
    LimitStatus top =
        limits.stream()
            .max(Comparator.comparingInt(l -> l.getPercent() == null ? 0 : l.getPercent()))
            .orElseThrow();
    status.setMostUsedLimit(top.getName());
    status.setMostUsedPercent(top.getPercent());
  }

  private UpdateControl<CostCenterBudget> write(
      CostCenterBudget budget, CostCenterBudgetStatus next) {
    if (StatusDiff.same(budget.getStatus(), next)) {
      return UpdateControl.noUpdate();
    }
    budget.setStatus(next);
    return UpdateControl.patchStatus(budget);
  }

  private List<ModelAlias> currentAliases() {
    InformerEventSource<ModelAlias, CostCenterBudget> source = aliases;
    if (source == null) {
      return List.of();
    }
    return source
        .list()
        .filter(a -> a.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing(a -> a.getMetadata().getName()))
        .toList();
  }

  /** The ARN an alias's profiles copy: known once the alias is Ready for its current spec. */
  private static String readyModelArn(ModelAlias alias) {
    if (alias == null || alias.getStatus() == null) {
      return null;
    }
    ModelAliasStatus s = alias.getStatus();
    boolean current =
        s.getObservedGeneration() != null
            && s.getObservedGeneration().equals(alias.getMetadata().getGeneration());
    boolean ready = Conditions.isTrue(s.getConditions(), ModelAliasStatus.CONDITION_READY);
    return current && ready ? s.getModelArn() : null;
  }

  /** The cost center in force: spec.costCenter, else metadata.name. */
  public static String costCenter(CostCenterBudget budget) {
    return CostCenterOwnership.costCenter(budget);
  }

  private static long generation(CostCenterBudget budget) {
    Long g = budget.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  private static CostCenterBudgetStatus copy(CostCenterBudgetStatus status) {
    return Serialization.jsonMapper().convertValue(status, CostCenterBudgetStatus.class);
  }
}
