package io.costsentry.operator.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.PolicySet;
import io.costsentry.core.pricing.PriceTable;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.sidecar.config.InvalidManifestException;
import io.costsentry.sidecar.config.ManifestError;
import io.costsentry.sidecar.config.ManifestPolicyLoader;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates resources with the sidecar's own loader, so the operator never publishes a record the
 * sidecars would refuse, and maps them to the policies the sidecars will enforce.
 */
public final class ManifestValidator {
  /**
   * Stands in for a ModelAlias when validating a budget: a budget only needs to know which alias
   * names exist (for {@code scope.model}), not whether those aliases are valid themselves.
   */
  private static final ObjectNode STUB_ALIAS_SPEC = stubAliasSpec();

  private final ManifestPolicyLoader loader;

  private static ObjectNode stubAliasSpec() {
    ObjectNode spec = Serialization.jsonMapper().createObjectNode();
    spec.put("modelId", "anthropic.claude-3-5-haiku-20241022-v1:0");
    spec.putObject("pricing").put("inputPerMillion", 1).put("outputPerMillion", 1);
    return spec;
  }

  public ManifestValidator(PriceTable prices) {
    this.loader = new ManifestPolicyLoader(prices);
  }

  /** A policy, or the errors that prevent it. */
  public record Result<T>(T policy, List<ManifestError> errors) {
    public Result {
      errors = List.copyOf(errors);
    }

    public boolean valid() {
      return policy != null && errors.isEmpty();
    }

    /** The errors as one line naming each field, e.g. {@code spec.limits[0].scope.model: ...}. */
    public String message() {
      return errors.stream()
          .map(e -> e.field() == null ? e.detail() : e.field() + ": " + e.detail())
          .collect(Collectors.joining("; "));
    }

    /** Whether every error is about this field (or below it). */
    public boolean onlyAbout(String field) {
      return !errors.isEmpty()
          && errors.stream().allMatch(e -> e.field() != null && e.field().startsWith(field));
    }
  }

  public Result<AliasPolicy> alias(ModelAlias alias) {
    String name = alias.getMetadata().getName();
    try {
      PolicySet set = loader.parse(ManifestJson.of(alias), ModelAlias.KIND + "/" + name);
      return new Result<>(set.aliases().get(name), List.of());
    } catch (InvalidManifestException e) {
      return new Result<>(null, e.errors());
    }
  }

  /**
   * @param aliasNames the ModelAliases that exist, which {@code spec.limits[].scope.model} may name
   */
  public Result<BudgetPolicy> budget(CostCenterBudget budget, Collection<String> aliasNames) {
    String name = budget.getMetadata().getName();
    StringBuilder yaml = new StringBuilder();
    for (String alias : aliasNames) {
      yaml.append(ManifestJson.of(ModelAlias.KIND, alias, STUB_ALIAS_SPEC)).append("\n---\n");
    }
    yaml.append(ManifestJson.of(budget)).append('\n');
    String resource = CostCenterBudget.KIND + "/" + name;
    try {
      PolicySet set = loader.parse(yaml.toString(), resource);
      BudgetPolicy policy =
          set.budgets().values().stream()
              .filter(b -> b.name().equals(name))
              .findFirst()
              .orElse(null);
      return new Result<>(policy, List.of());
    } catch (InvalidManifestException e) {
      List<ManifestError> own =
          e.errors().stream().filter(err -> resource.equals(err.resource())).toList();
      return new Result<>(null, own.isEmpty() ? e.errors() : own);
    }
  }
}
