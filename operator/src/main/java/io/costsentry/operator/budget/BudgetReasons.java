package io.costsentry.operator.budget;

/** Reasons of a CostCenterBudget's conditions. */
public final class BudgetReasons {
  // Ready
  /** The budget's limits are published for the sidecars. */
  public static final String PUBLISHED = "Published";

  /** The spec breaks a rule the sidecars check (the message names the field). */
  public static final String INVALID_SPEC = "InvalidSpec";

  /** Another, older budget governs the same cost center. */
  public static final String DUPLICATE_COST_CENTER = "DuplicateCostCenter";

  /** Deleting the budget's profiles or records failed; the finalizer stays until it succeeds. */
  public static final String CLEANUP_FAILED = "CleanupFailed";

  // ProfilesReady
  /** Every alias has its application inference profile, tagged and routed. */
  public static final String PROFILES_READY = "ProfilesReady";

  /** {@code spec.inferenceProfiles.enabled} is false: requests use the alias's model directly. */
  public static final String PROFILES_DISABLED = "ProfilesDisabled";

  /** An alias has no resolved model yet (its ModelAlias is not Ready), or does not exist. */
  public static final String ALIAS_NOT_READY = "AliasNotReady";

  /** Bedrock refused to create, tag or delete a profile (the message says which and why). */
  public static final String PROFILE_ERROR = "ProfileError";

  // BudgetExceeded
  /** A limit's current window is used up. */
  public static final String LIMIT_REACHED = "LimitReached";

  /** Every limit is below 100 %. */
  public static final String WITHIN_LIMITS = "WithinLimits";

  // Degraded
  /** Everything the operator looks after works. */
  public static final String HEALTHY = "Healthy";

  /** The ledger could not be read: the usage in status is stale. */
  public static final String LEDGER_UNAVAILABLE = "LedgerUnavailable";

  private BudgetReasons() {}
}
