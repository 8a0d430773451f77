package io.costsentry.operator;

import io.costsentry.operator.OperatorMain.DurationConverter;
import io.costsentry.operator.billing.BillingConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The billing flags of {@link OperatorMain} (docs/billing.md); each also reads a variable. */
final class BillingOptions {
  @Option(
      names = "--activate-cost-allocation-tags",
      defaultValue = "${env:COSTSENTRY_ACTIVATE_COST_ALLOCATION_TAGS:-true}",
      arity = "1",
      description =
          "Activate the costCenter, applicationId and environment cost allocation tags in Cost"
              + " Explorer (env COSTSENTRY_ACTIVATE_COST_ALLOCATION_TAGS, default"
              + " ${DEFAULT-VALUE}).")
  boolean activateTags;

  @Option(
      names = "--billed-cost",
      defaultValue = "${env:COSTSENTRY_BILLED_COST:-true}",
      arity = "1",
      description =
          "Read each cost center's Bedrock bill from Cost Explorer into status.billedCost and"
              + " set BillingDrift; one GetCostAndUsage call (USD 0.01) per refresh (env"
              + " COSTSENTRY_BILLED_COST, default ${DEFAULT-VALUE}).")
  boolean billedCost;

  @Option(
      names = "--billing-refresh-interval",
      defaultValue = "${env:COSTSENTRY_BILLING_REFRESH_INTERVAL:-24h}",
      converter = DurationConverter.class,
      description =
          "How long a bill, the tags' state, an AWS budget in sync and the dashboard are taken as"
              + " current (env COSTSENTRY_BILLING_REFRESH_INTERVAL, default ${DEFAULT-VALUE}).")
  Duration refreshInterval;

  @Option(
      names = "--billing-retry-interval",
      defaultValue = "${env:COSTSENTRY_BILLING_RETRY_INTERVAL:-1h}",
      converter = DurationConverter.class,
      description =
          "How long after a failed Cost Explorer, Budgets or dashboard call it is tried again"
              + " (env COSTSENTRY_BILLING_RETRY_INTERVAL, default ${DEFAULT-VALUE}).")
  Duration retryInterval;

  @Option(
      names = "--billing-drift-tolerance-percent",
      defaultValue = "${env:COSTSENTRY_BILLING_DRIFT_TOLERANCE_PERCENT:-10}",
      description =
          "BillingDrift when bill and ledger differ by more than this percent of the larger"
              + " (env COSTSENTRY_BILLING_DRIFT_TOLERANCE_PERCENT, default ${DEFAULT-VALUE}).")
  BigDecimal tolerancePercent;

  @Option(
      names = "--billing-drift-tolerance-usd",
      defaultValue = "${env:COSTSENTRY_BILLING_DRIFT_TOLERANCE_USD:-1}",
      description =
          "...and by more than this many US dollars (env COSTSENTRY_BILLING_DRIFT_TOLERANCE_USD,"
              + " default ${DEFAULT-VALUE}).")
  BigDecimal toleranceUsd;

  @Option(
      names = "--aws-account-id",
      defaultValue = "${env:COSTSENTRY_AWS_ACCOUNT_ID}",
      description =
          "The AWS account whose Budgets hold the budgets of spec.awsBudget; without it"
              + " spec.awsBudget is reported as unavailable (env COSTSENTRY_AWS_ACCOUNT_ID).")
  String accountId;

  @Option(
      names = "--dashboard",
      defaultValue = "${env:COSTSENTRY_DASHBOARD:-false}",
      arity = "1",
      description =
          "Create and keep the CostSentry CloudWatch dashboard (env COSTSENTRY_DASHBOARD, default"
              + " ${DEFAULT-VALUE}).")
  boolean dashboard;

  @Option(
      names = "--dashboard-name",
      defaultValue =
          "${env:COSTSENTRY_DASHBOARD_NAME:-" + BillingConfig.DEFAULT_DASHBOARD_NAME + "}",
      description = "(env COSTSENTRY_DASHBOARD_NAME, default ${DEFAULT-VALUE}).")
  String dashboardName;

  @Option(
      names = "--cost-explorer-endpoint",
      defaultValue = "${env:COSTSENTRY_COST_EXPLORER_ENDPOINT}",
      description = "Cost Explorer endpoint override (env COSTSENTRY_COST_EXPLORER_ENDPOINT).")
  URI costExplorerEndpoint;

  @Option(
      names = "--budgets-endpoint",
      defaultValue = "${env:COSTSENTRY_BUDGETS_ENDPOINT}",
      description = "AWS Budgets endpoint override (env COSTSENTRY_BUDGETS_ENDPOINT).")
  URI budgetsEndpoint;

  @Option(
      names = "--cloudwatch-endpoint",
      defaultValue = "${env:COSTSENTRY_CLOUDWATCH_ENDPOINT}",
      description = "CloudWatch endpoint override (env COSTSENTRY_CLOUDWATCH_ENDPOINT).")
  URI cloudWatchEndpoint;

  /**
   * @param region the operator's region: the dashboard's widgets read metrics there
   */
  BillingConfig toConfig(String region) {
    return new BillingConfig(
        activateTags,
        billedCost,
        refreshInterval,
        retryInterval,
        tolerancePercent,
        toleranceUsd,
        accountId,
        dashboard,
        dashboardName,
        region,
        costExplorerEndpoint,
        budgetsEndpoint,
        cloudWatchEndpoint);
  }
}
