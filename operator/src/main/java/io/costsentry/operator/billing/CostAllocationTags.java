package io.costsentry.operator.billing;

import io.costsentry.operator.budget.ProfileTags;
import java.util.List;

/** The tag keys CostSentry puts on inference profiles, which must be active to reach the bill. */
public final class CostAllocationTags {
  public static final String COST_CENTER = ProfileTags.COST_CENTER;
  public static final List<String> KEYS =
      List.of(ProfileTags.COST_CENTER, ProfileTags.APPLICATION_ID, ProfileTags.ENVIRONMENT);

  private CostAllocationTags() {}
}
