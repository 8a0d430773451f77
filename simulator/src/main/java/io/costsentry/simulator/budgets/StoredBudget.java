package io.costsentry.simulator.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A budget as the simulator holds it, for assertions.
 *
 * @param budget the {@code Budget} structure as DescribeBudget returns it
 * @param notifications its notifications, oldest first
 */
public record StoredBudget(JsonNode budget, List<StoredNotification> notifications) {
  public StoredBudget {
    notifications = List.copyOf(notifications);
  }

  /**
   * @param notification the {@code Notification} structure, {@code ThresholdType} defaulted
   * @param subscribers its {@code Subscriber} structures
   */
  public record StoredNotification(JsonNode notification, List<JsonNode> subscribers) {
    public StoredNotification {
      subscribers = List.copyOf(subscribers);
    }
  }
}
