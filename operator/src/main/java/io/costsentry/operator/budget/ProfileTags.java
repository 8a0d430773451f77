package io.costsentry.operator.budget;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.InferenceProfilesSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS tags of a cost center's application inference profiles: the spec's extra tags plus the
 * four CostSentry sets itself (which the CRD forbids in the spec, and which win here anyway).
 *
 * <p>{@code applicationId} and {@code environment} describe who calls through a profile; a cost
 * center's profiles are shared by its applications, so both default to {@value #SHARED}, and {@code
 * spec.inferenceProfiles.applicationId} / {@code .environment} set them when a budget serves one
 * application. (The per-request application and environment still reach the metrics and the audit
 * log from the pod's identity.)
 */
public final class ProfileTags {
  public static final String COST_CENTER = "costCenter";
  public static final String APPLICATION_ID = "applicationId";
  public static final String ENVIRONMENT = "environment";
  public static final String MANAGED_BY = "managed-by";
  public static final String MANAGED_BY_VALUE = "costsentry";
  public static final String SHARED = "shared";

  private ProfileTags() {}

  public static Map<String, String> desired(
      String costCenter, String applicationId, String environment, Map<String, String> extra) {
    Map<String, String> tags = new TreeMap<>();
    if (extra != null) {
      tags.putAll(extra);
    }
    tags.put(COST_CENTER, costCenter);
    tags.put(APPLICATION_ID, blankTo(applicationId, SHARED));
    tags.put(ENVIRONMENT, blankTo(environment, SHARED));
    tags.put(MANAGED_BY, MANAGED_BY_VALUE);
    return Map.copyOf(tags);
  }

  /** The tags of {@code budget}'s profiles, its cost center being {@code costCenter}. */
  public static Map<String, String> of(CostCenterBudget budget, String costCenter) {
    InferenceProfilesSpec profiles = budget.getSpec().getInferenceProfiles();
    if (profiles == null) {
      return desired(costCenter, null, null, null);
    }
    return desired(
        costCenter, profiles.getApplicationId(), profiles.getEnvironment(), profiles.getTags());
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
