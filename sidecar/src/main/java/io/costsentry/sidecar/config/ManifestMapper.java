package io.costsentry.sidecar.config;

import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.Enforcement;
import io.costsentry.core.policy.FailurePolicy;
import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.LimitScope;
import io.costsentry.core.policy.ModelDefaults;
import io.costsentry.core.policy.Period;
import io.costsentry.core.policy.PolicySet;
import io.costsentry.core.pricing.Money;
import io.costsentry.core.pricing.PriceTable;
import io.costsentry.core.pricing.Pricing;
import io.costsentry.crds.v1alpha1.BudgetLimit;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetSpec;
import io.costsentry.crds.v1alpha1.InferenceDefaults;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.crds.v1alpha1.ModelAliasSpec;
import io.costsentry.crds.v1alpha1.ModelPricing;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns schema-valid ModelAlias and CostCenterBudget resources into the Kubernetes-free {@link
 * PolicySet} the sidecar enforces, and checks what no single document's schema can: unique alias
 * names, budget names and cost centers, limit scopes naming a known alias, prices for every model.
 */
final class ManifestMapper {
  /** A resource read from a document of the file. */
  record Parsed<T>(ManifestDocument document, T resource) {}

  private final PriceTable prices;

  ManifestMapper(PriceTable prices) {
    this.prices = prices;
  }

  /**
   * @param declaredAliases names of every ModelAlias in the file, valid or not, so a budget is not
   *     blamed for naming an alias whose own document has errors
   */
  PolicySet map(
      List<Parsed<ModelAlias>> aliases,
      List<Parsed<CostCenterBudget>> budgets,
      Set<String> declaredAliases,
      List<ManifestError> errors) {
    Map<String, AliasPolicy> aliasPolicies = new LinkedHashMap<>();
    Map<String, ManifestDocument> aliasDocuments = new LinkedHashMap<>();
    for (Parsed<ModelAlias> parsed : aliases) {
      ManifestDocument doc = parsed.document();
      if (isDuplicateName(doc, aliasDocuments, errors)) {
        continue;
      }
      alias(doc, parsed.resource().getSpec(), errors)
          .ifPresent(a -> aliasPolicies.put(a.name(), a));
    }

    Map<String, BudgetPolicy> budgetPolicies = new LinkedHashMap<>();
    Map<String, ManifestDocument> budgetDocuments = new LinkedHashMap<>();
    Map<String, ManifestDocument> costCenterDocuments = new LinkedHashMap<>();
    for (Parsed<CostCenterBudget> parsed : budgets) {
      ManifestDocument doc = parsed.document();
      if (isDuplicateName(doc, budgetDocuments, errors)) {
        continue;
      }
      CostCenterBudgetSpec spec = parsed.resource().getSpec();
      String costCenter = spec.getCostCenter() != null ? spec.getCostCenter() : doc.name();
      ManifestDocument governing = costCenterDocuments.putIfAbsent(costCenter, doc);
      if (governing != null) {
        errors.add(
            doc.error(
                "spec.costCenter",
                "Duplicate value: \""
                    + costCenter
                    + "\": "
                    + governing.resource()
                    + " (document "
                    + governing.index()
                    + ") already governs this cost center"));
        continue;
      }
      budget(doc, costCenter, spec, declaredAliases, errors)
          .ifPresent(b -> budgetPolicies.put(b.costCenter(), b));
    }
    return new PolicySet(aliasPolicies, budgetPolicies);
  }

  private static boolean isDuplicateName(
      ManifestDocument doc, Map<String, ManifestDocument> seen, List<ManifestError> errors) {
    ManifestDocument first = seen.putIfAbsent(doc.name(), doc);
    if (first == null) {
      return false;
    }
    errors.add(
        doc.error(
            "metadata.name",
            "Duplicate value: \""
                + doc.name()
                + "\": "
                + doc.kind()
                + " of that name is also in document "
                + first.index()));
    return true;
  }

  private Optional<AliasPolicy> alias(
      ManifestDocument doc, ModelAliasSpec spec, List<ManifestError> errors) {
    int before = errors.size();
    Pricing pricing;
    String pricingSource;
    if (spec.getPricing() != null) {
      pricing = pricing(spec.getPricing());
      pricingSource = "manifest";
    } else {
      pricing = prices.lookup(spec.getModelId()).orElse(null);
      pricingSource = "builtin";
      if (pricing == null) {
        errors.add(
            doc.error(
                "spec.pricing",
                "Required value: no built-in price for model "
                    + spec.getModelId()
                    + "; set spec.pricing"));
      }
    }
    // Scopes of alias limits cannot name a model (CEL rule), so no alias names to check.
    List<LimitPolicy> limits = limits(doc, spec.getLimits(), Set.of(), errors);
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new AliasPolicy(
            doc.name(),
            spec.getModelId(),
            pricing,
            pricingSource,
            defaults(spec.getDefaults()),
            spec.getMaxOutputTokens(),
            limits));
  }

  private Optional<BudgetPolicy> budget(
      ManifestDocument doc,
      String costCenter,
      CostCenterBudgetSpec spec,
      Set<String> declaredAliases,
      List<ManifestError> errors) {
    int before = errors.size();
    List<LimitPolicy> limits = limits(doc, spec.getLimits(), declaredAliases, errors);
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new BudgetPolicy(
            doc.name(),
            costCenter,
            enforcement(spec.getEnforcement()),
            failurePolicy(spec.getFailurePolicy()),
            limits,
            spec.getAlertThresholds()));
  }

  private static List<LimitPolicy> limits(
      ManifestDocument doc,
      List<BudgetLimit> limits,
      Set<String> knownAliases,
      List<ManifestError> errors) {
    List<LimitPolicy> result = new ArrayList<>();
    if (limits == null) {
      return result;
    }
    for (int i = 0; i < limits.size(); i++) {
      limit(doc, "spec.limits[" + i + "]", limits.get(i), knownAliases, errors)
          .ifPresent(result::add);
    }
    return result;
  }

  private static Optional<LimitPolicy> limit(
      ManifestDocument doc,
      String path,
      BudgetLimit limit,
      Set<String> knownAliases,
      List<ManifestError> errors) {
    int before = errors.size();
    ZoneId zone = ZoneOffset.UTC;
    if (limit.getTimeZone() != null) {
      try {
        zone = ZoneId.of(limit.getTimeZone());
      } catch (DateTimeException e) {
        errors.add(
            doc.error(
                path + ".timeZone",
                "Invalid value: \"" + limit.getTimeZone() + "\": unknown IANA time zone"));
      }
    }
    LimitMetric metric;
    long amount;
    if (limit.getMaxCostUSD() != null) {
      metric = LimitMetric.COST_USD;
      amount = Money.usdToMicros(limit.getMaxCostUSD());
      if (amount == 0) {
        // Costs are counted in whole micro-dollars: a smaller limit would be zero.
        errors.add(
            doc.error(
                path + ".maxCostUSD",
                "Invalid value: "
                    + limit.getMaxCostUSD().toPlainString()
                    + ": must be at least 0.000001"));
      }
    } else if (limit.getMaxInputTokens() != null) {
      metric = LimitMetric.INPUT_TOKENS;
      amount = limit.getMaxInputTokens();
    } else if (limit.getMaxOutputTokens() != null) {
      metric = LimitMetric.OUTPUT_TOKENS;
      amount = limit.getMaxOutputTokens();
    } else {
      metric = LimitMetric.TOTAL_TOKENS;
      amount = limit.getMaxTotalTokens();
    }
    LimitScope scope = null;
    if (limit.getScope() != null) {
      io.costsentry.crds.v1alpha1.LimitScope s = limit.getScope();
      if (s.getModel() != null && !knownAliases.contains(s.getModel())) {
        errors.add(
            doc.error(
                path + ".scope.model",
                "Not found: \"" + s.getModel() + "\": no ModelAlias of that name in the file"));
      }
      scope = new LimitScope(s.getModel(), s.getApplicationId(), s.getEnvironment());
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new LimitPolicy(limit.getName(), period(limit.getPeriod()), zone, metric, amount, scope));
  }

  private static Pricing pricing(ModelPricing p) {
    return new Pricing(
        p.getInputPerMillion(),
        p.getOutputPerMillion(),
        p.getCacheReadPerMillion(),
        p.getCacheWritePerMillion());
  }

  private static ModelDefaults defaults(InferenceDefaults d) {
    return d == null
        ? ModelDefaults.NONE
        : new ModelDefaults(d.getMaxTokens(), d.getTemperature(), d.getTopP(), d.getTopK());
  }

  private static Period period(io.costsentry.crds.v1alpha1.Period period) {
    return switch (period) {
      case MINUTE -> Period.MINUTE;
      case HOUR -> Period.HOUR;
      case DAY -> Period.DAY;
      case MONTH -> Period.MONTH;
    };
  }

  private static Enforcement enforcement(io.costsentry.crds.v1alpha1.Enforcement enforcement) {
    if (enforcement == null) {
      return null; // BudgetPolicy applies the default
    }
    return switch (enforcement) {
      case ENFORCE -> Enforcement.ENFORCE;
      case MONITOR -> Enforcement.MONITOR;
    };
  }

  private static FailurePolicy failurePolicy(io.costsentry.crds.v1alpha1.FailurePolicy policy) {
    if (policy == null) {
      return null; // BudgetPolicy applies the default
    }
    return switch (policy) {
      case FAIL_OPEN -> FailurePolicy.FAIL_OPEN;
      case FAIL_CLOSED -> FailurePolicy.FAIL_CLOSED;
    };
  }
}
