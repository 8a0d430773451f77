package io.costsentry.simulator.budgets;

import io.costsentry.simulator.awsjson.AwsJsonFaults;
import io.costsentry.simulator.awsjson.AwsJsonHandler;
import io.costsentry.simulator.awsjson.AwsJsonServer;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wire-level fake of AWS Budgets ({@code budgets}, AWS JSON 1.1, {@code X-Amz-Target:
 * AWSBudgetServiceGateway.<Op>}, aws-wire.md §7) for account {@value #ACCOUNT_ID}, which the real
 * {@code BudgetsClient} accepts through {@code endpointOverride}: budgets (Create, Update,
 * Describe, DescribeBudgets, Delete), their notifications (Create, Update, Delete,
 * DescribeNotificationsForBudget) and subscribers (Create, Delete,
 * DescribeSubscribersForNotification).
 *
 * <p>Behaves as Budgets does where it matters to a client: a taken name or an existing notification
 * is {@code DuplicateRecordException}, an unknown budget or notification {@code NotFoundException},
 * bad input {@code InvalidParameterException} (names, enums, amounts, FilterExpression/Metrics
 * mixed with CostFilters/CostTypes, at most one SNS and ten e-mail subscribers), another account
 * {@code AccessDeniedException}; a notification is identified by type, operator, threshold and
 * threshold type; Describe fills in {@code TimePeriod}, {@code CalculatedSpend} and {@code
 * LastUpdatedTime}. Calls must be SigV4-signed for {@code budgets} (not verified further).
 */
public final class BudgetsSimulator implements AutoCloseable {
  public static final String ACCOUNT_ID = BudgetValidation.ACCOUNT_ID;
  public static final String TARGET_PREFIX = "AWSBudgetServiceGateway";
  public static final String SIGNING_NAME = "budgets";
  private static final String LOOPBACK = "127.0.0.1";

  private final BudgetOperations operations;
  private final AwsJsonFaults faults = new AwsJsonFaults();
  private final AwsJsonHandler handler;
  private final AwsJsonServer server;

  private BudgetsSimulator(String host, int port, Clock clock) {
    operations = new BudgetOperations(clock);
    BudgetOperations o = operations;
    handler =
        new AwsJsonHandler(
            TARGET_PREFIX,
            SIGNING_NAME,
            Map.ofEntries(
                Map.entry("CreateBudget", o::createBudget),
                Map.entry("UpdateBudget", o::updateBudget),
                Map.entry("DescribeBudget", o::describeBudget),
                Map.entry("DescribeBudgets", o::describeBudgets),
                Map.entry("DeleteBudget", o::deleteBudget),
                Map.entry("CreateNotification", o::createNotification),
                Map.entry("UpdateNotification", o::updateNotification),
                Map.entry("DeleteNotification", o::deleteNotification),
                Map.entry("DescribeNotificationsForBudget", o::describeNotificationsForBudget),
                Map.entry("CreateSubscriber", o::createSubscriber),
                Map.entry("DeleteSubscriber", o::deleteSubscriber),
                Map.entry(
                    "DescribeSubscribersForNotification", o::describeSubscribersForNotification)),
            faults);
    server = AwsJsonServer.start("Budgets simulator", host, port, handler);
  }

  /** Starts on a free loopback port with the system clock. */
  public static BudgetsSimulator start() {
    return start(LOOPBACK, 0, Clock.systemUTC());
  }

  /**
   * @throws IllegalStateException when the port cannot be bound
   */
  public static BudgetsSimulator start(String host, int port, Clock clock) {
    return new BudgetsSimulator(host, port, clock);
  }

  public URI endpoint() {
    return server.endpoint();
  }

  /** Every budget with its notifications and subscribers, by name. */
  public List<StoredBudget> budgets() {
    return operations.snapshot();
  }

  /** The budget named {@code name}, if it exists. */
  public Optional<StoredBudget> budget(String name) {
    return budgets().stream()
        .filter(b -> b.budget().path("BudgetName").asText().equals(name))
        .findFirst();
  }

  public AwsJsonFaults faults() {
    return faults;
  }

  /** Calls received of {@code operation}, e.g. {@code "CreateBudget"}, failed ones included. */
  public int callCount(String operation) {
    return handler.callCount(operation);
  }

  /** Forgets budgets, faults and call counts. */
  public void reset() {
    operations.clear();
    faults.clear();
    handler.resetCallCounts();
  }

  @Override
  public void close() {
    server.close();
  }
}
