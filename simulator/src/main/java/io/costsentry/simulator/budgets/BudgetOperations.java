package io.costsentry.simulator.budgets;

import static io.costsentry.simulator.budgets.BudgetValidation.invalid;
import static io.costsentry.simulator.budgets.BudgetValidation.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.awsjson.AwsJsonError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS Budgets operations over one account's budgets (aws-wire.md §7). Synchronized: calls are
 * serialized as they are per budget in AWS.
 */
final class BudgetOperations {
  /** AWS's open end of a budget without one: 2087-06-15T00:00:00Z. */
  static final long OPEN_END_EPOCH_SECONDS = 3706473600L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final class Held {
    ObjectNode budget;
    final Map<String, ObjectNode> notifications = new LinkedHashMap<>();
    final Map<String, List<ObjectNode>> subscribers = new LinkedHashMap<>();

    Held(ObjectNode budget) {
      this.budget = budget;
    }
  }

  private final Clock clock;
  private final Map<String, Held> budgets = new TreeMap<>();

  BudgetOperations(Clock clock) {
    this.clock = clock;
  }

  synchronized JsonNode createBudget(JsonNode input) {
    BudgetValidation.account(input);
    JsonNode budget = input.get("Budget");
    BudgetValidation.budget(budget);
    String name = text(budget.get("BudgetName"));
    JsonNode withSubscribers = input.get("NotificationsWithSubscribers");
    if (withSubscribers != null && withSubscribers.size() > 10) {
      throw invalid("NotificationsWithSubscribers takes at most 10 members.");
    }
    if (budgets.containsKey(name)) {
      throw new AwsJsonError(
              400,
              "DuplicateRecordException",
              "Error creating budget: " + name + " - the budget already exists.")
          .refuse();
    }
    Held held = new Held(normalizedBudget(budget, null));
    if (withSubscribers != null) {
      for (JsonNode entry : withSubscribers) {
        BudgetValidation.notification(entry.get("Notification"));
        BudgetValidation.subscribers(entry.get("Subscribers"));
        addNotification(held, name, entry.get("Notification"), entry.get("Subscribers"));
      }
    }
    budgets.put(name, held);
    return JSON.createObjectNode();
  }

  synchronized JsonNode updateBudget(JsonNode input) {
    BudgetValidation.account(input);
    JsonNode budget = input.get("NewBudget");
    BudgetValidation.budget(budget);
    String name = text(budget.get("BudgetName"));
    Held held = held(name, "update");
    held.budget = normalizedBudget(budget, held.budget);
    return JSON.createObjectNode();
  }

  synchronized JsonNode describeBudget(JsonNode input) {
    BudgetValidation.account(input);
    Held held = held(BudgetValidation.budgetName(input, "BudgetName"), "get");
    ObjectNode out = JSON.createObjectNode();
    out.set("Budget", held.budget.deepCopy());
    return out;
  }

  synchronized JsonNode describeBudgets(JsonNode input) {
    BudgetValidation.account(input);
    int max = input.has("MaxResults") ? input.get("MaxResults").asInt() : 100;
    int from = input.has("NextToken") ? parseToken(text(input.get("NextToken"))) : 0;
    List<Held> all = new ArrayList<>(budgets.values());
    int to = Math.min(all.size(), from + max);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("Budgets");
    all.subList(Math.min(from, to), to).forEach(h -> list.add(h.budget.deepCopy()));
    if (to < all.size()) {
      out.put("NextToken", Integer.toString(to));
    }
    return out;
  }

  synchronized JsonNode deleteBudget(JsonNode input) {
    BudgetValidation.account(input);
    String name = BudgetValidation.budgetName(input, "BudgetName");
    held(name, "delete");
    budgets.remove(name);
    return JSON.createObjectNode();
  }

  synchronized JsonNode createNotification(JsonNode input) {
    BudgetValidation.account(input);
    Held held = held(BudgetValidation.budgetName(input, "BudgetName"), "get");
    BudgetValidation.notification(input.get("Notification"));
    BudgetValidation.subscribers(input.get("Subscribers"));
    if (held.notifications.size() >= 10) {
      throw new AwsJsonError(
              400, "CreationLimitExceededException", "A budget takes at most 10 notifications.")
          .refuse();
    }
    addNotification(
        held, text(input.get("BudgetName")), input.get("Notification"), input.get("Subscribers"));
    return JSON.createObjectNode();
  }

  synchronized JsonNode updateNotification(JsonNode input) {
    BudgetValidation.account(input);
    Held held = held(BudgetValidation.budgetName(input, "BudgetName"), "get");
    BudgetValidation.notification(input.get("OldNotification"));
    BudgetValidation.notification(input.get("NewNotification"));
    String old = notificationKey(input.get("OldNotification"));
    if (!held.notifications.containsKey(old)) {
      throw notFound("Unable to update notification: the notification doesn't exist.");
    }
    ObjectNode replacement = normalizedNotification(input.get("NewNotification"));
    String key = notificationKey(replacement);
    if (!key.equals(old) && held.notifications.containsKey(key)) {
      throw duplicate("Unable to update notification: the new notification already exists.");
    }
    List<ObjectNode> subscribers = held.subscribers.remove(old);
    held.notifications.remove(old);
    held.notifications.put(key, replacement);
    held.subscribers.put(key, subscribers);
    return JSON.createObjectNode();
  }

  synchronized JsonNode deleteNotification(JsonNode input) {
    BudgetValidation.account(input);
    Held held = held(BudgetValidation.budgetName(input, "BudgetName"), "get");
    BudgetValidation.notification(input.get("Notification"));
    String key = notificationKey(input.get("Notification"));
    if (held.notifications.remove(key) == null) {
      throw notFound("Unable to delete notification: the notification doesn't exist.");
    }
    held.subscribers.remove(key);
    return JSON.createObjectNode();
  }

  synchronized JsonNode describeNotificationsForBudget(JsonNode input) {
    BudgetValidation.account(input);
    Held held = held(BudgetValidation.budgetName(input, "BudgetName"), "get");
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("Notifications");
    held.notifications.values().forEach(n -> list.add(n.deepCopy()));
    return out;
  }

  synchronized JsonNode createSubscriber(JsonNode input) {
    List<ObjectNode> subscribers = subscribersOf(input);
    BudgetValidation.subscriber(input.get("Subscriber"));
    ObjectNode subscriber = (ObjectNode) input.get("Subscriber").deepCopy();
    if (subscribers.contains(subscriber)) {
      throw duplicate("Unable to create subscriber: the subscriber already exists.");
    }
    List<ObjectNode> after = new ArrayList<>(subscribers);
    after.add(subscriber);
    BudgetValidation.subscribers(JSON.valueToTree(after));
    subscribers.add(subscriber);
    return JSON.createObjectNode();
  }

  synchronized JsonNode deleteSubscriber(JsonNode input) {
    List<ObjectNode> subscribers = subscribersOf(input);
    if (!subscribers.remove((ObjectNode) input.get("Subscriber"))) {
      throw notFound("Unable to delete subscriber: the subscriber doesn't exist.");
    }
    return JSON.createObjectNode();
  }

  synchronized JsonNode describeSubscribersForNotification(JsonNode input) {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("Subscribers");
    subscribersOf(input).forEach(s -> list.add(s.deepCopy()));
    return out;
  }

  synchronized List<StoredBudget> snapshot() {
    List<StoredBudget> out = new ArrayList<>();
    for (Held held : budgets.values()) {
      List<StoredBudget.StoredNotification> notifications = new ArrayList<>();
      held.notifications.forEach(
          (key, n) ->
              notifications.add(
                  new StoredBudget.StoredNotification(
                      n.deepCopy(),
                      held.subscribers.get(key).stream()
                          .map(s -> (JsonNode) s.deepCopy())
                          .toList())));
      out.add(new StoredBudget(held.budget.deepCopy(), notifications));
    }
    return out;
  }

  synchronized void clear() {
    budgets.clear();
  }

  private List<ObjectNode> subscribersOf(JsonNode input) {
    BudgetValidation.account(input);
    Held held = held(BudgetValidation.budgetName(input, "BudgetName"), "get");
    BudgetValidation.notification(input.get("Notification"));
    List<ObjectNode> subscribers = held.subscribers.get(notificationKey(input.get("Notification")));
    if (subscribers == null) {
      throw notFound("Unable to find the notification.");
    }
    return subscribers;
  }

  private void addNotification(
      Held held, String budget, JsonNode notification, JsonNode subscribers) {
    ObjectNode normalized = normalizedNotification(notification);
    String key = notificationKey(normalized);
    if (held.notifications.containsKey(key)) {
      throw duplicate(
          "Unable to create notification for budget "
              + budget
              + ": the notification already exists.");
    }
    held.notifications.put(key, normalized);
    List<ObjectNode> list = new ArrayList<>();
    subscribers.forEach(s -> list.add((ObjectNode) s.deepCopy()));
    held.subscribers.put(key, list);
  }

  private Held held(String name, String action) {
    Held held = budgets.get(name);
    if (held == null) {
      throw notFound("Unable to " + action + " budget: " + name + " - the budget doesn't exist.");
    }
    return held;
  }

  /** The budget as AWS keeps it: a TimePeriod from this period's start, an update time, spend. */
  private ObjectNode normalizedBudget(JsonNode budget, ObjectNode previous) {
    ObjectNode copy = budget.deepCopy();
    if (!copy.has("TimePeriod")) {
      ObjectNode period =
          previous != null && previous.has("TimePeriod")
              ? previous.get("TimePeriod").deepCopy()
              : JSON.createObjectNode()
                  .put(
                      "Start",
                      LocalDate.now(clock.withZone(ZoneOffset.UTC))
                          .withDayOfMonth(1)
                          .atStartOfDay()
                          .toEpochSecond(ZoneOffset.UTC))
                  .put("End", OPEN_END_EPOCH_SECONDS);
      copy.set("TimePeriod", period);
    }
    if (!copy.has("CalculatedSpend")) {
      copy.putObject("CalculatedSpend")
          .putObject("ActualSpend")
          .put("Amount", "0")
          .put("Unit", copy.path("BudgetLimit").path("Unit").asText("USD"));
    }
    copy.put("LastUpdatedTime", clock.instant().getEpochSecond());
    return copy;
  }

  private static ObjectNode normalizedNotification(JsonNode notification) {
    ObjectNode copy = notification.deepCopy();
    if (!copy.has("ThresholdType")) {
      copy.put("ThresholdType", "PERCENTAGE");
    }
    copy.put("Threshold", notification.get("Threshold").asDouble());
    return copy;
  }

  /** A notification is identified by its type, operator, threshold and threshold type. */
  private static String notificationKey(JsonNode notification) {
    return text(notification.get("NotificationType"))
        + "|"
        + text(notification.get("ComparisonOperator"))
        + "|"
        + notification.get("Threshold").asDouble()
        + "|"
        + (notification.has("ThresholdType")
            ? text(notification.get("ThresholdType"))
            : "PERCENTAGE");
  }

  private static int parseToken(String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new AwsJsonError(400, "InvalidNextTokenException", "Invalid NextToken.").refuse();
    }
  }

  private static AwsJsonError.Refused notFound(String message) {
    return new AwsJsonError(400, "NotFoundException", message).refuse();
  }

  private static AwsJsonError.Refused duplicate(String message) {
    return new AwsJsonError(400, "DuplicateRecordException", message).refuse();
  }
}
