package io.costsentry.sidecar.config;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.crds.v1alpha1.ApiPatterns;
import io.costsentry.crds.v1alpha1.BudgetLimit;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetSpec;
import io.costsentry.crds.v1alpha1.InferenceProfilesSpec;
import io.costsentry.crds.v1alpha1.LimitScope;
import io.costsentry.crds.v1alpha1.ModelAliasSpec;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Java equivalents of the CEL rules ({@code x-kubernetes-validations}) of the CostSentry CRDs, so a
 * standalone sidecar refuses what the API server refuses without a CEL interpreter.
 *
 * <p>Rules are looked up by their exact CEL text, taken from the constants the API types annotate
 * themselves with: a rule added to the types without a Java equivalent here makes {@link
 * CrdSchemaValidator} fail at construction, so it cannot be silently skipped.
 */
final class CelRuleChecks {
  /** A rule evaluated on the node it is declared on; {@code resource} is the whole document. */
  @FunctionalInterface
  interface Check {
    boolean holds(JsonNode self, JsonNode resource);
  }

  private static final Set<String> RESERVED_TAGS =
      Set.of("costCenter", "applicationId", "environment", "managed-by");
  private static final Pattern TAG_TEXT = Pattern.compile(ApiPatterns.AWS_TAG_VALUE);

  private static final Map<String, Check> CHECKS =
      Map.ofEntries(
          entry(BudgetLimit.RULE_EXACTLY_ONE_MAXIMUM, CelRuleChecks::exactlyOneMaximum),
          entry(BudgetLimit.RULE_UNIQUE_NAMES, (self, r) -> unique(self, "name")),
          // Left to ManifestMapper, which loads the zone with ZoneId.of and names the same field
          // (spec.limits[i].timeZone: ... unknown IANA time zone).
          entry(BudgetLimit.RULE_KNOWN_TIME_ZONE, (self, r) -> true),
          entry(
              LimitScope.RULE_NOT_EMPTY,
              (self, r) ->
                  self.has("model") || self.has("applicationId") || self.has("environment")),
          entry(ModelAliasSpec.RULE_DEFAULT_WITHIN_CEILING, CelRuleChecks::defaultWithinCeiling),
          entry(ModelAliasSpec.RULE_NO_MODEL_SCOPE, CelRuleChecks::noModelScope),
          entry(CostCenterBudgetSpec.RULE_UNIQUE_THRESHOLDS, (self, r) -> unique(self, null)),
          entry(InferenceProfilesSpec.RULE_RESERVED_TAGS, CelRuleChecks::noReservedTag),
          entry(InferenceProfilesSpec.RULE_TAG_KEYS, CelRuleChecks::tagKeysValid),
          entry(InferenceProfilesSpec.RULE_TAG_VALUES, CelRuleChecks::tagValuesValid),
          entry(CostCenterBudget.RULE_NAME_FITS_A_TAG, CelRuleChecks::nameFitsATag));

  private CelRuleChecks() {}

  /** The check for a CEL rule, or {@code null} if there is none. */
  static Check forRule(String celRule) {
    return CHECKS.get(celRule);
  }

  private static boolean exactlyOneMaximum(JsonNode limit, JsonNode resource) {
    int set = 0;
    for (String field :
        new String[] {"maxCostUSD", "maxInputTokens", "maxOutputTokens", "maxTotalTokens"}) {
      if (limit.has(field)) {
        set++;
      }
    }
    return set == 1;
  }

  /** No two elements equal, compared on {@code field} or (when null) on the elements. */
  private static boolean unique(JsonNode list, String field) {
    Set<Object> seen = new HashSet<>();
    for (JsonNode element : list) {
      JsonNode key = field == null ? element : element.path(field);
      Object comparable = key.isNumber() ? key.decimalValue().stripTrailingZeros() : key;
      if (!seen.add(comparable)) {
        return false;
      }
    }
    return true;
  }

  private static boolean defaultWithinCeiling(JsonNode spec, JsonNode resource) {
    JsonNode maxTokens = spec.path("defaults").path("maxTokens");
    JsonNode ceiling = spec.path("maxOutputTokens");
    return !maxTokens.isNumber()
        || !ceiling.isNumber()
        || maxTokens.decimalValue().compareTo(ceiling.decimalValue()) <= 0;
  }

  private static boolean noModelScope(JsonNode limits, JsonNode resource) {
    for (JsonNode limit : limits) {
      if (limit.path("scope").has("model")) {
        return false;
      }
    }
    return true;
  }

  private static boolean noReservedTag(JsonNode tags, JsonNode resource) {
    for (Iterator<String> keys = tags.fieldNames(); keys.hasNext(); ) {
      if (RESERVED_TAGS.contains(keys.next())) {
        return false;
      }
    }
    return true;
  }

  private static boolean tagKeysValid(JsonNode tags, JsonNode resource) {
    for (Iterator<String> keys = tags.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (key.isEmpty()
          || characters(key) > 128
          || key.startsWith("aws:")
          || !TAG_TEXT.matcher(key).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean tagValuesValid(JsonNode tags, JsonNode resource) {
    for (JsonNode value : tags) {
      String text = value.asText();
      if (characters(text) > 256 || !TAG_TEXT.matcher(text).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean nameFitsATag(JsonNode self, JsonNode resource) {
    return self.path("spec").has("costCenter")
        || characters(resource.path("metadata").path("name").asText()) <= 128;
  }

  /** CEL's size() of a string: Unicode code points. */
  private static int characters(String text) {
    return text.codePointCount(0, text.length());
  }
}
