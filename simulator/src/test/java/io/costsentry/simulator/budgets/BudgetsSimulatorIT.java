package io.costsentry.simulator.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.simulator.testing.SdkClients;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.DuplicateRecordException;
import software.amazon.awssdk.services.budgets.model.Expression;
import software.amazon.awssdk.services.budgets.model.InvalidParameterException;
import software.amazon.awssdk.services.budgets.model.Metric;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;

/** The real Budgets Java client (2.40.2, AWS JSON 1.1) against the simulator. */
class BudgetsSimulatorIT {
  private static final String ACCOUNT = BudgetsSimulator.ACCOUNT_ID;
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:budget-alerts";
  private static BudgetsSimulator simulator;
  private static BudgetsClient client;

  @BeforeAll
  static void start() {
    simulator = BudgetsSimulator.start();
    client = SdkClients.against(BudgetsClient.builder(), simulator.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  private static Budget budget(String name, String amount) {
    return Budget.builder()
        .budgetName(name)
        .budgetLimit(l -> l.amount(new BigDecimal(amount)).unit("USD"))
        .timeUnit(TimeUnit.MONTHLY)
        .budgetType(BudgetType.COST)
        .filterExpression(
            Expression.builder().tags(t -> t.key("user:costCenter").values("support")).build())
        .metrics(Metric.UNBLENDED_COST)
        .build();
  }

  private static Notification at(double percent) {
    return Notification.builder()
        .notificationType(NotificationType.ACTUAL)
        .comparisonOperator(ComparisonOperator.GREATER_THAN)
        .threshold(percent)
        .thresholdType(ThresholdType.PERCENTAGE)
        .build();
  }

  private static Subscriber sns() {
    return Subscriber.builder().subscriptionType(SubscriptionType.SNS).address(TOPIC).build();
  }

  @Test
  void createsABudgetWithNotificationsAndDescribesIt() {
    client.createBudget(
        r ->
            r.accountId(ACCOUNT)
                .budget(budget("costsentry-support", "100"))
                .notificationsWithSubscribers(
                    NotificationWithSubscribers.builder()
                        .notification(at(80))
                        .subscribers(sns())
                        .build(),
                    NotificationWithSubscribers.builder()
                        .notification(at(100))
                        .subscribers(
                            Subscriber.builder()
                                .subscriptionType(SubscriptionType.EMAIL)
                                .address("finops@example.com")
                                .build())
                        .build()));

    Budget described =
        client.describeBudget(r -> r.accountId(ACCOUNT).budgetName("costsentry-support")).budget();
    assertThat(described.budgetLimit().amount()).isEqualByComparingTo("100");
    assertThat(described.filterExpression().tags().key()).isEqualTo("user:costCenter");
    assertThat(described.filterExpression().tags().values()).containsExactly("support");
    assertThat(described.metrics()).containsExactly(Metric.UNBLENDED_COST);
    assertThat(described.timePeriod().end()).isEqualTo("2087-06-15T00:00:00Z");
    assertThat(described.calculatedSpend().actualSpend().amount()).isEqualByComparingTo("0");
    assertThat(
            client
                .describeNotificationsForBudget(
                    r -> r.accountId(ACCOUNT).budgetName("costsentry-support"))
                .notifications())
        .extracting(Notification::threshold)
        .containsExactly(80.0, 100.0);
    assertThat(
            client
                .describeSubscribersForNotification(
                    r -> r.accountId(ACCOUNT).budgetName("costsentry-support").notification(at(80)))
                .subscribers())
        .containsExactly(sns());
    assertThat(simulator.budget("costsentry-support"))
        .hasValueSatisfying(b -> assertThat(b.notifications()).hasSize(2));
  }

  @Test
  void aTakenNameIsADuplicateRecordAndAnUnknownOneNotFound() {
    client.createBudget(r -> r.accountId(ACCOUNT).budget(budget("b", "1")));

    assertThatThrownBy(
            () -> client.createBudget(r -> r.accountId(ACCOUNT).budget(budget("b", "2"))))
        .isInstanceOfSatisfying(
            DuplicateRecordException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("already exists"));
    assertThatThrownBy(() -> client.describeBudget(r -> r.accountId(ACCOUNT).budgetName("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.deleteBudget(r -> r.accountId(ACCOUNT).budgetName("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> client.updateBudget(r -> r.accountId(ACCOUNT).newBudget(budget("nope", "1"))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void updatesTheLimitAndReplacesNotifications() {
    client.createBudget(r -> r.accountId(ACCOUNT).budget(budget("b", "100")));
    client.createNotification(
        r -> r.accountId(ACCOUNT).budgetName("b").notification(at(50)).subscribers(sns()));

    client.updateBudget(r -> r.accountId(ACCOUNT).newBudget(budget("b", "250.5")));
    assertThatThrownBy(
            () ->
                client.createNotification(
                    r ->
                        r.accountId(ACCOUNT)
                            .budgetName("b")
                            .notification(at(50))
                            .subscribers(sns())))
        .isInstanceOf(DuplicateRecordException.class);
    client.deleteNotification(r -> r.accountId(ACCOUNT).budgetName("b").notification(at(50)));
    client.createNotification(
        r -> r.accountId(ACCOUNT).budgetName("b").notification(at(90)).subscribers(sns()));

    assertThat(
            client
                .describeBudget(r -> r.accountId(ACCOUNT).budgetName("b"))
                .budget()
                .budgetLimit()
                .amount())
        .isEqualByComparingTo("250.5");
    assertThat(simulator.budget("b").orElseThrow().notifications())
        .singleElement()
        .satisfies(n -> assertThat(n.notification().get("Threshold").asDouble()).isEqualTo(90.0));
    assertThatThrownBy(
            () ->
                client.deleteNotification(
                    r -> r.accountId(ACCOUNT).budgetName("b").notification(at(50))))
        .isInstanceOf(NotFoundException.class);

    client.deleteBudget(r -> r.accountId(ACCOUNT).budgetName("b"));
    assertThat(simulator.budgets()).isEmpty();
    assertThat(simulator.callCount("DeleteBudget")).isEqualTo(1);
  }

  @Test
  void refusesMixedFiltersBadSubscribersAndBadNames() {
    Budget mixed =
        budget("m", "1").toBuilder()
            .costFilters(Map.of("Service", List.of("Amazon Bedrock")))
            .build();
    assertThatThrownBy(() -> client.createBudget(r -> r.accountId(ACCOUNT).budget(mixed)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> client.createBudget(r -> r.accountId(ACCOUNT).budget(budget("a:b", "1"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                client.createBudget(
                    r ->
                        r.accountId(ACCOUNT)
                            .budget(budget("s", "1"))
                            .notificationsWithSubscribers(
                                NotificationWithSubscribers.builder()
                                    .notification(at(80))
                                    .subscribers(
                                        sns(),
                                        sns().toBuilder()
                                            .address("arn:aws:sns:us-east-1:123456789012:other")
                                            .build())
                                    .build())))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(simulator.budgets()).isEmpty();
  }

  @Test
  void oldStyleCostFiltersWithTheUserPrefixAreKept() {
    client.createBudget(
        r ->
            r.accountId(ACCOUNT)
                .budget(
                    Budget.builder()
                        .budgetName("legacy")
                        .budgetLimit(l -> l.amount(BigDecimal.TEN).unit("USD"))
                        .timeUnit(TimeUnit.MONTHLY)
                        .budgetType(BudgetType.COST)
                        .costFilters(Map.of("TagKeyValue", List.of("user:costCenter$support")))
                        .build()));

    assertThat(
            client
                .describeBudget(r -> r.accountId(ACCOUNT).budgetName("legacy"))
                .budget()
                .costFilters())
        .containsEntry("TagKeyValue", List.of("user:costCenter$support"));
  }
}
