package io.costsentry.operator.billing;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The operator's billing settings (docs/billing.md), loaded by {@code BillingOptions} from flags
 * and environment.
 *
 * @param activateTags activate the costCenter, applicationId and environment cost allocation tags
 * @param billedCost read the billed cost from Cost Explorer into each budget's status
 * @param refreshInterval how long a bill (and the tags' state) read from Cost Explorer is reused:
 *     each GetCostAndUsage call costs USD 0.01 and the data changes about daily
 * @param retryInterval how long after a failed Cost Explorer or Budgets call it is tried again
 *     (access denied, throttling): no hot retry loop on a call that costs money
 * @param driftTolerancePercent BillingDrift when bill and ledger differ by more than this percent
 *     of the larger...
 * @param driftToleranceUsd ...and by more than this many dollars (small sums never drift)
 * @param accountId the AWS account whose Budgets the operator manages; {@code null}: AWS budgets
 *     cannot be managed (status says so)
 * @param dashboard create and keep the CloudWatch dashboard
 * @param dashboardName its name
 * @param region the region the dashboard's widgets read metrics from
 * @param costExplorerEndpoint endpoint override of Cost Explorer, or {@code null}
 * @param budgetsEndpoint endpoint override of AWS Budgets, or {@code null}
 * @param cloudWatchEndpoint endpoint override of CloudWatch, or {@code null}
 */
public record BillingConfig(
    boolean activateTags,
    boolean billedCost,
    Duration refreshInterval,
    Duration retryInterval,
    BigDecimal driftTolerancePercent,
    BigDecimal driftToleranceUsd,
    String accountId,
    boolean dashboard,
    String dashboardName,
    String region,
    URI costExplorerEndpoint,
    URI budgetsEndpoint,
    URI cloudWatchEndpoint) {
  public static final Duration DEFAULT_REFRESH = Duration.ofHours(24);
  public static final Duration DEFAULT_RETRY = Duration.ofHours(1);
  public static final BigDecimal DEFAULT_TOLERANCE_PERCENT = BigDecimal.TEN;
  public static final BigDecimal DEFAULT_TOLERANCE_USD = BigDecimal.ONE;
  public static final String DEFAULT_DASHBOARD_NAME = "CostSentry";

  public BillingConfig {
    refreshInterval = positive(refreshInterval, DEFAULT_REFRESH, "billing refresh interval");
    retryInterval = positive(retryInterval, DEFAULT_RETRY, "billing retry interval");
    driftTolerancePercent =
        Objects.requireNonNullElse(driftTolerancePercent, DEFAULT_TOLERANCE_PERCENT);
    driftToleranceUsd = Objects.requireNonNullElse(driftToleranceUsd, DEFAULT_TOLERANCE_USD);
    if (driftTolerancePercent.signum() < 0 || driftToleranceUsd.signum() < 0) {
      throw new IllegalArgumentException("billing drift tolerances must not be negative");
    }
    if (accountId != null && accountId.isBlank()) {
      accountId = null;
    }
    if (accountId != null && !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException(
          "AWS account id must be 12 digits, got '" + accountId + "'");
    }
    if (dashboardName == null || dashboardName.isBlank()) {
      dashboardName = DEFAULT_DASHBOARD_NAME;
    }
    if (!dashboardName.matches("[A-Za-z0-9_-]{1,255}")) {
      throw new IllegalArgumentException(
          "dashboard name may hold A-Z, a-z, 0-9, - and _ only, got '" + dashboardName + "'");
    }
  }

  /** Every billing feature off: what the operator does when built without billing. */
  public static BillingConfig off() {
    return new BillingConfig(
        false, false, null, null, null, null, null, false, null, null, null, null, null);
  }

  /** Whether any feature needs Cost Explorer. */
  public boolean usesCostExplorer() {
    return activateTags || billedCost;
  }

  private static Duration positive(Duration value, Duration fallback, String what) {
    Duration d = value == null ? fallback : value;
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}
