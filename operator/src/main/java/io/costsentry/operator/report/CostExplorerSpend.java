package io.costsentry.operator.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * Billed Bedrock spend from Cost Explorer: {@code GetCostAndUsage}, daily, {@code UnblendedCost},
 * grouped by the {@value #TAG_KEY} tag and by service.
 *
 * <p>Third-party models are billed through AWS Marketplace under services of their own ("Claude 3.5
 * Haiku (Amazon Bedrock Edition)"), so a filter on the service "Amazon Bedrock" alone would miss
 * them. Grouping by service and keeping "Amazon Bedrock" and every "... (Amazon Bedrock Edition)"
 * catches both without knowing the Marketplace names in advance, in one API action.
 */
public final class CostExplorerSpend {
  public static final String TAG_KEY = "costCenter";
  public static final String METRIC = "UnblendedCost";
  static final String BEDROCK = "Amazon Bedrock";
  static final String MARKETPLACE_SUFFIX = "(Amazon Bedrock Edition)";

  private final CostExplorerClient client;
  private final Progress progress;

  public CostExplorerSpend(CostExplorerClient client, Progress progress) {
    this.client = client;
    this.progress = progress;
  }

  /** Whether Cost Explorer's service name is Bedrock's own or a Marketplace model's. */
  static boolean isBedrock(String service) {
    return service.equals(BEDROCK) || service.endsWith(MARKETPLACE_SUFFIX);
  }

  public BilledResult read(ReportPeriod period) {
    List<BilledSpend> spend = new ArrayList<>();
    SortedSet<String> services = new TreeSet<>();
    SortedSet<LocalDate> estimated = new TreeSet<>();
    String token = null;
    int page = 0;
    do {
      page++;
      progress.step(
          "asking Cost Explorer for billed Bedrock spend by costCenter tag, %s (page %d)",
          period, page);
      GetCostAndUsageRequest.Builder request =
          GetCostAndUsageRequest.builder()
              .timePeriod(
                  DateInterval.builder()
                      .start(period.from().toString())
                      .end(period.endExclusive().toString())
                      .build())
              .granularity(Granularity.DAILY)
              .metrics(METRIC)
              .groupBy(
                  GroupDefinition.builder().type(GroupDefinitionType.TAG).key(TAG_KEY).build(),
                  GroupDefinition.builder()
                      .type(GroupDefinitionType.DIMENSION)
                      .key("SERVICE")
                      .build());
      if (token != null) {
        request.nextPageToken(token);
      }
      GetCostAndUsageResponse response = client.getCostAndUsage(request.build());
      for (ResultByTime result : response.resultsByTime()) {
        LocalDate day = LocalDate.parse(result.timePeriod().start().substring(0, 10));
        boolean isEstimated = Boolean.TRUE.equals(result.estimated());
        boolean any = false;
        for (Group group : result.groups()) {
          String costCenter = tagValue(group.keys().get(0));
          String service = group.keys().size() > 1 ? group.keys().get(1) : BEDROCK;
          if (!isBedrock(service)) {
            continue;
          }
          MetricValue value = group.metrics().get(METRIC);
          BigDecimal amount = value == null ? BigDecimal.ZERO : new BigDecimal(value.amount());
          if (amount.signum() != 0) {
            services.add(service);
          }
          spend.add(new BilledSpend(day, costCenter, amount, isEstimated));
          any = true;
        }
        if (any && isEstimated) {
          estimated.add(day);
        }
      }
      token = response.nextPageToken();
    } while (token != null && !token.isEmpty());
    return new BilledResult(spend, services, estimated);
  }

  /** {@code costCenter$support} → {@code support}; {@code costCenter$} (untagged) → empty. */
  static String tagValue(String key) {
    int dollar = key.indexOf('$');
    return dollar < 0 ? key : key.substring(dollar + 1);
  }
}
