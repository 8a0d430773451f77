package io.costsentry.core.config;

import io.costsentry.core.config.PolicySnapshot.Route;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names and sort keys of {@link PolicyStore} records, shared by every implementation so that
 * they accept and reject the same names. {@code #} separates the parts of a sort key, so no name
 * may contain it.
 */
final class PolicyRecords {
  static final String ALIAS_PREFIX = "alias#";
  static final String BUDGET_PREFIX = "budget#";
  static final String ROUTE_PREFIX = "route#";
  static final char SEPARATOR = '#';

  /** An RFC 1123 subdomain, as Kubernetes names objects: ModelAlias and CostCenterBudget names. */
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final int MAX_NAME_LENGTH = 253;

  /**
   * A cost center is the value of the {@code costCenter} cost allocation tag, so it follows the AWS
   * tag value rules of the CostCenterBudget schema (letters, digits, spaces and {@code _.:/=+-@},
   * at most 128 characters), which exclude {@code #}.
   */
  private static final Pattern COST_CENTER = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");

  private static final int MAX_COST_CENTER_LENGTH = 128;

  private PolicyRecords() {}

  static String aliasKey(String name) {
    return ALIAS_PREFIX + checkName("alias name", name);
  }

  static String budgetKey(String name) {
    return BUDGET_PREFIX + checkName("budget name", name);
  }

  static String routeKey(String costCenter, String alias) {
    return ROUTE_PREFIX
        + checkCostCenter(costCenter)
        + SEPARATOR
        + checkName("route alias name", alias);
  }

  static String manifest(String manifestJson) {
    Objects.requireNonNull(manifestJson, "manifestJson");
    if (manifestJson.isBlank()) {
      throw new IllegalArgumentException("manifest JSON must not be blank");
    }
    return manifestJson;
  }

  static String profileArn(String inferenceProfileArn) {
    Objects.requireNonNull(inferenceProfileArn, "inferenceProfileArn");
    if (inferenceProfileArn.isBlank()) {
      throw new IllegalArgumentException("inference profile ARN must not be blank");
    }
    return inferenceProfileArn;
  }

  /** The route named by a route record's sort key; empty if it is not a valid one. */
  static Optional<Route> parseRoute(String sortKey) {
    String rest = sortKey.substring(ROUTE_PREFIX.length());
    int separator = rest.indexOf(SEPARATOR);
    if (separator < 0) {
      return Optional.empty();
    }
    Route route = new Route(rest.substring(0, separator), rest.substring(separator + 1));
    return isCostCenter(route.costCenter()) && isName(route.alias())
        ? Optional.of(route)
        : Optional.empty();
  }

  /** The name in an alias or budget record's sort key; empty if it is not a valid one. */
  static Optional<String> parseName(String sortKey, String prefix) {
    String name = sortKey.substring(prefix.length());
    return isName(name) ? Optional.of(name) : Optional.empty();
  }

  private static String checkName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!isName(name)) {
      throw new IllegalArgumentException(
          what
              + " must be a Kubernetes object name (RFC 1123 subdomain: lowercase letters, digits,"
              + " '-' and '.', at most "
              + MAX_NAME_LENGTH
              + " characters): '"
              + name
              + "'");
    }
    return name;
  }

  private static String checkCostCenter(String costCenter) {
    Objects.requireNonNull(costCenter, "costCenter");
    if (!isCostCenter(costCenter)) {
      throw new IllegalArgumentException(
          "cost center must be 1 to "
              + MAX_COST_CENTER_LENGTH
              + " letters, digits, spaces or _.:/=+-@ (an AWS tag value without '#'): '"
              + costCenter
              + "'");
    }
    return costCenter;
  }

  private static boolean isName(String name) {
    return name.length() <= MAX_NAME_LENGTH && DNS_SUBDOMAIN.matcher(name).matches();
  }

  private static boolean isCostCenter(String costCenter) {
    return costCenter.length() <= MAX_COST_CENTER_LENGTH
        && !costCenter.isBlank()
        && COST_CENTER.matcher(costCenter).matches();
  }
}
