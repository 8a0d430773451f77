package io.costsentry.simulator.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.simulator.awsjson.AwsJsonError;
import java.util.Set;
import java.util.regex.Pattern;

/** What AWS Budgets refuses in a budget, a notification or a subscriber (aws-wire.md §7). */
final class BudgetValidation {
  static final String ACCOUNT_ID = "123456789012";
  private static final Pattern AMOUNT = Pattern.compile("([0-9]*\\.)?[0-9]+");
  private static final Set<String> TIME_UNITS =
      Set.of("DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY", "CUSTOM");
  private static final Set<String> BUDGET_TYPES =
      Set.of(
          "USAGE",
          "COST",
          "RI_UTILIZATION",
          "RI_COVERAGE",
          "SAVINGS_PLANS_UTILIZATION",
          "SAVINGS_PLANS_COVERAGE");
  private static final Set<String> METRICS =
      Set.of(
          "BlendedCost",
          "UnblendedCost",
          "AmortizedCost",
          "NetUnblendedCost",
          "NetAmortizedCost",
          "UsageQuantity",
          "NormalizedUsageAmount",
          "Hours");

  private BudgetValidation() {}

  static AwsJsonError.Refused invalid(String message) {
    return new AwsJsonError(400, "InvalidParameterException", message).refuse();
  }

  static void account(JsonNode input) {
    String account = text(input.get("AccountId"));
    if (account == null || !account.matches("\\d{12}")) {
      throw invalid("AccountId must be 12 digits.");
    }
    if (!account.equals(ACCOUNT_ID)) {
      throw new AwsJsonError(
              400,
              "AccessDeniedException",
              "You are not authorized to manage budgets of account " + account + ".")
          .refuse();
    }
  }

  static String budgetName(JsonNode node, String member) {
    String name = text(node == null ? null : node.get(member));
    if (name == null
        || name.isEmpty()
        || name.length() > 100
        || name.contains(":")
        || name.contains("\\")
        || name.contains("/action/")) {
      throw invalid(member + " must be 1 to 100 characters without ':' or '\\'.");
    }
    return name;
  }

  static void budget(JsonNode budget) {
    if (budget == null || !budget.isObject()) {
      throw invalid("Budget is required.");
    }
    budgetName(budget, "BudgetName");
    String timeUnit = text(budget.get("TimeUnit"));
    if (timeUnit == null || !TIME_UNITS.contains(timeUnit)) {
      throw invalid("TimeUnit must be one of " + TIME_UNITS + ".");
    }
    String type = text(budget.get("BudgetType"));
    if (type == null || !BUDGET_TYPES.contains(type)) {
      throw invalid("BudgetType must be one of " + BUDGET_TYPES + ".");
    }
    JsonNode limit = budget.get("BudgetLimit");
    if (limit != null && !limit.isNull()) {
      String amount = text(limit.get("Amount"));
      if (amount == null || !AMOUNT.matcher(amount).matches() || text(limit.get("Unit")) == null) {
        throw invalid("BudgetLimit needs an Amount such as 100 or 12.5 and a Unit.");
      }
    } else if (type.equals("COST") && !budget.has("AutoAdjustData")) {
      throw invalid("A COST budget needs a BudgetLimit.");
    }
    boolean newFilters = budget.has("FilterExpression") || budget.has("Metrics");
    boolean oldFilters = budget.has("CostFilters") || budget.has("CostTypes");
    if (newFilters && oldFilters) {
      throw invalid(
          "Use either FilterExpression and Metrics or CostFilters and CostTypes, not both.");
    }
    JsonNode metrics = budget.get("Metrics");
    if (metrics != null && !metrics.isNull()) {
      if (!metrics.isArray() || metrics.size() > 1) {
        throw invalid("Metrics takes at most one metric.");
      }
      metrics.forEach(
          m -> {
            if (!METRICS.contains(m.asText())) {
              throw invalid("Invalid metric " + m.asText() + ".");
            }
          });
    }
  }

  static void notification(JsonNode notification) {
    if (notification == null || !notification.isObject()) {
      throw invalid("Notification is required.");
    }
    if (!Set.of("ACTUAL", "FORECASTED").contains(text(notification.get("NotificationType")))) {
      throw invalid("NotificationType must be ACTUAL or FORECASTED.");
    }
    if (!Set.of("GREATER_THAN", "LESS_THAN", "EQUAL_TO")
        .contains(text(notification.get("ComparisonOperator")))) {
      throw invalid("ComparisonOperator must be GREATER_THAN, LESS_THAN or EQUAL_TO.");
    }
    JsonNode threshold = notification.get("Threshold");
    if (threshold == null || !threshold.isNumber()) {
      throw invalid("Threshold is required.");
    }
    double value = threshold.asDouble();
    if (value < 0 || value > 1.5e13) {
      throw invalid("Threshold must be between 0 and 15000000000000.");
    }
    String type = text(notification.get("ThresholdType"));
    if (type != null && !Set.of("PERCENTAGE", "ABSOLUTE_VALUE").contains(type)) {
      throw invalid("ThresholdType must be PERCENTAGE or ABSOLUTE_VALUE.");
    }
  }

  static void subscriber(JsonNode subscriber) {
    String type = text(subscriber == null ? null : subscriber.get("SubscriptionType"));
    String address = text(subscriber == null ? null : subscriber.get("Address"));
    if (type == null || address == null || address.isEmpty()) {
      throw invalid("A subscriber needs a SubscriptionType and an Address.");
    }
    switch (type) {
      case "SNS" -> {
        if (!address.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]+")) {
          throw invalid("Invalid SNS topic ARN: " + address + ".");
        }
      }
      case "EMAIL" -> {
        if (!address.matches("[^@\\s]+@[^@\\s]+")) {
          throw invalid("Invalid e-mail address: " + address + ".");
        }
      }
      default -> throw invalid("SubscriptionType must be SNS or EMAIL.");
    }
  }

  /** 1 to 11 subscribers: at most one SNS topic and ten e-mail addresses. */
  static void subscribers(JsonNode subscribers) {
    if (subscribers == null || !subscribers.isArray() || subscribers.isEmpty()) {
      throw invalid("Subscribers must have 1 to 11 members.");
    }
    int sns = 0;
    int email = 0;
    for (JsonNode s : subscribers) {
      subscriber(s);
      if ("SNS".equals(text(s.get("SubscriptionType")))) {
        sns++;
      } else {
        email++;
      }
    }
    if (sns > 1 || email > 10) {
      throw invalid("A notification takes at most one SNS subscriber and ten e-mail subscribers.");
    }
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
