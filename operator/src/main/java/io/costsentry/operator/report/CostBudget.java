package io.costsentry.operator.report;

import java.math.BigDecimal;

/**
 * The cost budget of one cost center over a report's period: its cost limit with the longest period
 * (unscoped {@code maxCostUSD}), times the number of that limit's windows the period touches. A
 * month-to-date report of a Month limit compares against the month's limit.
 *
 * @param limitName the limit's name in the CostCenterBudget
 * @param period the limit's period as written in manifests ({@code Month}, {@code Day}, ...)
 * @param windows how many of the limit's windows the report's period touches
 * @param amountUSD the budget over the report's period
 */
public record CostBudget(String limitName, String period, long windows, BigDecimal amountUSD) {}
