package io.costsentry.operator.billing;

/**
 * Billing settings for unit tests: default intervals and tolerances, no dashboard, no endpoints.
 */
final class BillingConfigs {
  private BillingConfigs() {}

  /**
   * @param accountId {@code null} for none
   */
  static BillingConfig of(boolean activateTags, boolean billedCost, String accountId) {
    return new BillingConfig(
        activateTags,
        billedCost,
        BillingConfig.DEFAULT_REFRESH,
        BillingConfig.DEFAULT_RETRY,
        null,
        null,
        accountId,
        false,
        null,
        null,
        null,
        null,
        null);
  }
}
