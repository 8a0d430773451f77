package io.costsentry.crds.v1alpha1;

/** Group and version of the CostSentry API. */
public final class CostSentryApi {
  public static final String GROUP = "costsentry.io";
  public static final String VERSION = "v1alpha1";

  /** The {@code apiVersion} of every CostSentry manifest. */
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private CostSentryApi() {}
}
