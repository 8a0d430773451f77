package io.costsentry.operator.alias;

import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.pricing.Pricing;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.crds.v1alpha1.ModelAliasStatus;
import io.costsentry.crds.v1alpha1.ModelPricing;
import io.costsentry.crds.v1alpha1.PricingSource;
import io.costsentry.operator.bedrock.InferenceProfiles;
import io.costsentry.operator.bedrock.PermanentAwsException;
import io.costsentry.operator.bedrock.ResolvedModel;
import io.costsentry.operator.manifest.ManifestJson;
import io.costsentry.operator.manifest.ManifestValidator;
import io.costsentry.operator.status.Conditions;
import io.costsentry.operator.status.StatusDiff;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ModelAlias → a model checked against Bedrock, prices in force, and the alias record the sidecars
 * read. Transient AWS errors are thrown (JOSDK retries with backoff); permanent ones set {@code
 * Ready=False} and are re-checked only slowly, never in a hot loop. While an alias is not Ready,
 * the last record published for it stays in force.
 */
@ControllerConfiguration(
    name = ModelAliasReconciler.NAME,
    finalizerName = ModelAliasReconciler.FINALIZER)
public final class ModelAliasReconciler implements Reconciler<ModelAlias>, Cleaner<ModelAlias> {
  public static final String NAME = "modelalias";
  public static final String FINALIZER = "costsentry.io/model-alias";

  /** A permanent error (e.g. access denied, fixed in IAM) is looked at again this rarely. */
  static final Duration PERMANENT_ERROR_RECHECK = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(ModelAliasReconciler.class);

  private final InferenceProfiles bedrock;
  private final PolicyStore store;
  private final ManifestValidator validator;
  private final Clock clock;

  public ModelAliasReconciler(
      InferenceProfiles bedrock, PolicyStore store, ManifestValidator validator, Clock clock) {
    this.bedrock = bedrock;
    this.store = store;
    this.validator = validator;
    this.clock = clock;
  }

  @Override
  public UpdateControl<ModelAlias> reconcile(ModelAlias alias, Context<ModelAlias> context) {
    String name = alias.getMetadata().getName();
    long generation = generation(alias);
    ModelAliasStatus next = new ModelAliasStatus();
    next.setObservedGeneration(generation);

    Condition ready = publish(alias, next);
    ModelAliasStatus previous = alias.getStatus();
    next.setConditions(
        Conditions.merge(
            previous == null ? null : previous.getConditions(),
            List.of(ready),
            generation,
            clock.instant()));

    UpdateControl<ModelAlias> control;
    if (StatusDiff.same(previous, next)) {
      control = UpdateControl.noUpdate();
    } else {
      log.info("ModelAlias {}: Ready={} reason {}", name, ready.getStatus(), ready.getReason());
      alias.setStatus(next);
      control = UpdateControl.patchStatus(alias);
    }
    if (!Condition.TRUE.equals(ready.getStatus())) {
      control.rescheduleAfter(PERMANENT_ERROR_RECHECK);
    }
    return control;
  }

  /** Resolves, validates and publishes the alias, filling {@code next}; returns Ready. */
  private Condition publish(ModelAlias alias, ModelAliasStatus next) {
    ResolvedModel model;
    try {
      model = bedrock.resolveModel(alias.getSpec().getModelId());
    } catch (PermanentAwsException e) {
      return Conditions.of(ModelAliasStatus.CONDITION_READY, false, e.reason(), e.getMessage());
    }
    next.setModelArn(model.arn());

    ManifestValidator.Result<AliasPolicy> validated = validator.alias(alias);
    if (!validated.valid()) {
      String reason =
          validated.onlyAbout("spec.pricing") ? AliasReasons.NO_PRICING : AliasReasons.INVALID_SPEC;
      return Conditions.of(ModelAliasStatus.CONDITION_READY, false, reason, validated.message());
    }
    AliasPolicy policy = validated.policy();
    store.putAlias(alias.getMetadata().getName(), ManifestJson.of(alias));
    next.setPricingSource(
        "manifest".equals(policy.pricingSource())
            ? PricingSource.MANIFEST
            : PricingSource.BUILT_IN);
    next.setPricing(pricing(policy.pricing()));
    return Conditions.of(
        ModelAliasStatus.CONDITION_READY,
        true,
        AliasReasons.PUBLISHED,
        "model " + model.arn() + " (" + model.kind() + ") published for the sidecars");
  }

  @Override
  public DeleteControl cleanup(ModelAlias alias, Context<ModelAlias> context) {
    store.deleteAlias(alias.getMetadata().getName());
    log.info("ModelAlias {}: record removed", alias.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }

  private static ModelPricing pricing(Pricing p) {
    ModelPricing m = new ModelPricing();
    m.setInputPerMillion(p.inputPerMillion());
    m.setOutputPerMillion(p.outputPerMillion());
    m.setCacheReadPerMillion(p.cacheReadPerMillion());
    m.setCacheWritePerMillion(p.cacheWritePerMillion());
    return m;
  }

  private static long generation(ModelAlias alias) {
    Long g = alias.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }
}
