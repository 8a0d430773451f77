package io.costsentry.operator.alias;

/** Reasons of a ModelAlias's {@code Ready} condition. */
public final class AliasReasons {
  /** Model resolved, priced and published for the sidecars. */
  public static final String PUBLISHED = "Published";

  /** Bedrock does not know the model in this region (from {@code PermanentAwsException}). */
  public static final String MODEL_NOT_FOUND = "ModelNotFound";

  /** No {@code spec.pricing} and the built-in table does not list the model. */
  public static final String NO_PRICING = "NoPricing";

  /** The spec breaks a rule the sidecars check (the message names the field). */
  public static final String INVALID_SPEC = "InvalidSpec";

  private AliasReasons() {}
}
