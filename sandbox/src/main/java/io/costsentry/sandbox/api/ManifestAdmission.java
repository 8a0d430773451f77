package io.costsentry.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.sidecar.config.ManifestPolicyLoader;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.webhook.admission.NotAllowedException;
import io.javaoperatorsdk.webhook.admission.Operation;
import io.javaoperatorsdk.webhook.admission.validation.Validator;
import java.util.List;
import java.util.Optional;

/**
 * What the API server and the chart's validating webhook do to a CostSentry manifest before it is
 * stored: the CRD's schema and CEL rules (defaults applied), then, for a budget, the webhook's
 * one-budget-per-cost-center rule. The real checks, not copies: the sidecar's CRD validator and the
 * operator's webhook validator.
 */
final class ManifestAdmission {
  /** Why a manifest is refused: the HTTP status and the Status object's fields. */
  record Refusal(int code, String reason, String message, List<String> fieldErrors) {}

  private final ManifestPolicyLoader schemas = new ManifestPolicyLoader();
  private final Validator<CostCenterBudget> budgets;

  ManifestAdmission(Validator<CostCenterBudget> budgets) {
    this.budgets = budgets;
  }

  /**
   * Checks {@code manifest} (defaults are applied to it in place) about to be stored.
   *
   * @param previous the stored object on an update, else {@code null}
   */
  Optional<Refusal> admit(CrdCatalog.Crd crd, ObjectNode manifest, ObjectNode previous) {
    String name = manifest.path("metadata").path("name").asText();
    List<String> errors = schemas.crdSchemaErrors(crd.kind(), manifest);
    if (!errors.isEmpty()) {
      String qualified = crd.kind() + "." + crd.group() + " \"" + name + "\" is invalid: ";
      return Optional.of(
          new Refusal(
              422,
              "Invalid",
              qualified + (errors.size() == 1 ? errors.get(0) : errors.toString()),
              errors));
    }
    if (CostCenterBudget.KIND.equals(crd.kind())) {
      try {
        budgets.validate(
            Serialization.jsonMapper().convertValue(manifest, CostCenterBudget.class),
            previous == null
                ? null
                : Serialization.jsonMapper().convertValue(previous, CostCenterBudget.class),
            previous == null ? Operation.CREATE : Operation.UPDATE);
      } catch (NotAllowedException e) {
        return Optional.of(
            new Refusal(
                e.getStatus().getCode() == null ? 400 : e.getStatus().getCode(),
                "Forbidden",
                "admission webhook \"costcenterbudgets.costsentry.io\" denied the request: "
                    + e.getStatus().getMessage(),
                List.of()));
      }
    }
    return Optional.empty();
  }
}
