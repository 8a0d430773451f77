package io.costsentry.operator.billing;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.BudgetsClientBuilder;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;

/**
 * {@link Budgets} on the AWS SDK. The filter is {@code CostFilters: {TagKeyValue:
 * ["user:costCenter$<value>"]}}: deprecated in favour of FilterExpression since 2025-04 but still
 * accepted, and the only form whose tag key format AWS documents (the official CLI example;
 * FilterExpression's is unverified, aws-wire.md §9.6). No Service filter: Marketplace-billed models
 * carry other service names, and the tag only marks CostSentry's profiles.
 */
public final class AwsBudgets implements Budgets, AutoCloseable {
  private final BudgetsClient client;
  private final String accountId;

  public AwsBudgets(BudgetsClient client, String accountId) {
    this.client = client;
    this.accountId = accountId;
  }

  /** AWS Budgets' endpoint is global, signed for us-east-1. */
  public static AwsBudgets create(URI endpoint, String accountId) {
    BudgetsClientBuilder builder =
        BudgetsClient.builder()
            .region(Region.US_EAST_1)
            .httpClientBuilder(Apache5HttpClient.builder());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return new AwsBudgets(builder.build(), accountId);
  }

  @Override
  public Optional<AwsBudget> describe(String name) {
    try {
      Budget budget;
      try {
        budget = client.describeBudget(r -> r.accountId(accountId).budgetName(name)).budget();
      } catch (NotFoundException e) {
        return Optional.empty();
      }
      List<AwsBudget.Notice> notices = new ArrayList<>();
      for (Notification n :
          client
              .describeNotificationsForBudget(r -> r.accountId(accountId).budgetName(name))
              .notifications()) {
        List<String> emails = new ArrayList<>();
        String sns = null;
        for (Subscriber s :
            client
                .describeSubscribersForNotification(
                    r -> r.accountId(accountId).budgetName(name).notification(n))
                .subscribers()) {
          if (s.subscriptionType() == SubscriptionType.SNS) {
            sns = s.address();
          } else {
            emails.add(s.address());
          }
        }
        notices.add(new AwsBudget.Notice(n.threshold(), emails, sns));
      }
      List<String> tags =
          budget.costFilters() == null
              ? List.of()
              : budget.costFilters().getOrDefault("TagKeyValue", List.of());
      String prefix = "user:" + CostAllocationTags.COST_CENTER + "$";
      String costCenter =
          tags.size() == 1 && tags.getFirst().startsWith(prefix)
              ? tags.getFirst().substring(prefix.length())
              : "";
      BigDecimal limit =
          budget.budgetLimit() == null ? BigDecimal.ZERO : budget.budgetLimit().amount();
      return Optional.of(new AwsBudget(name, limit, costCenter, notices));
    } catch (SdkException e) {
      throw AwsErrors.translate("DescribeBudget " + name, e);
    }
  }

  @Override
  public void create(AwsBudget budget) {
    try {
      client.createBudget(
          r ->
              r.accountId(accountId)
                  .budget(toBudget(budget))
                  .notificationsWithSubscribers(
                      budget.notifications().stream()
                          .map(
                              n ->
                                  NotificationWithSubscribers.builder()
                                      .notification(notification(n))
                                      .subscribers(subscribers(n))
                                      .build())
                          .toList()));
    } catch (SdkException e) {
      throw AwsErrors.translate("CreateBudget " + budget.name(), e);
    }
  }

  @Override
  public void update(AwsBudget budget) {
    try {
      client.updateBudget(r -> r.accountId(accountId).newBudget(toBudget(budget)));
    } catch (SdkException e) {
      throw AwsErrors.translate("UpdateBudget " + budget.name(), e);
    }
  }

  @Override
  public void createNotification(String budget, AwsBudget.Notice notice) {
    try {
      client.createNotification(
          r ->
              r.accountId(accountId)
                  .budgetName(budget)
                  .notification(notification(notice))
                  .subscribers(subscribers(notice)));
    } catch (SdkException e) {
      throw AwsErrors.translate("CreateNotification " + budget, e);
    }
  }

  @Override
  public void deleteNotification(String budget, AwsBudget.Notice notice) {
    try {
      client.deleteNotification(
          r -> r.accountId(accountId).budgetName(budget).notification(notification(notice)));
    } catch (NotFoundException e) {
      // already gone
    } catch (SdkException e) {
      throw AwsErrors.translate("DeleteNotification " + budget, e);
    }
  }

  @Override
  public void delete(String name) {
    try {
      client.deleteBudget(r -> r.accountId(accountId).budgetName(name));
    } catch (NotFoundException e) {
      // deleting what is gone is success
    } catch (SdkException e) {
      throw AwsErrors.translate("DeleteBudget " + name, e);
    }
  }

  private static Budget toBudget(AwsBudget budget) {
    return Budget.builder()
        .budgetName(budget.name())
        .budgetType(BudgetType.COST)
        .timeUnit(TimeUnit.MONTHLY)
        .budgetLimit(l -> l.amount(budget.limitUsd()).unit("USD"))
        .costFilters(Map.of("TagKeyValue", List.of(budget.tagKeyValue())))
        .build();
  }

  private static Notification notification(AwsBudget.Notice notice) {
    return Notification.builder()
        .notificationType(NotificationType.ACTUAL)
        .comparisonOperator(ComparisonOperator.GREATER_THAN)
        .threshold(notice.thresholdPercent())
        .thresholdType(ThresholdType.PERCENTAGE)
        .build();
  }

  private static List<Subscriber> subscribers(AwsBudget.Notice notice) {
    List<Subscriber> out = new ArrayList<>();
    if (notice.snsTopicArn() != null) {
      out.add(
          Subscriber.builder()
              .subscriptionType(SubscriptionType.SNS)
              .address(notice.snsTopicArn())
              .build());
    }
    for (String email : notice.emails()) {
      out.add(Subscriber.builder().subscriptionType(SubscriptionType.EMAIL).address(email).build());
    }
    return out;
  }

  @Override
  public void close() {
    client.close();
  }
}
