package io.costsentry.operator.billing;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClientBuilder;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTag;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatus;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatusEntry;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.ListCostAllocationTagsResponse;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.costexplorer.model.UpdateCostAllocationTagsStatusError;

/**
 * {@link CostExplorer} on the AWS SDK. The Bedrock bill is one query grouped by the costCenter tag
 * and by SERVICE, without a service filter, keeping {@link BedrockServices#isBedrock the Bedrock
 * services}: third-party models are billed through AWS Marketplace under names such as "Claude 3.5
 * Haiku (Amazon Bedrock Edition)" that a fixed filter list would miss as new models appear.
 */
public final class AwsCostExplorer implements CostExplorer, AutoCloseable {
  static final String METRIC = "UnblendedCost";

  private final CostExplorerClient client;

  public AwsCostExplorer(CostExplorerClient client) {
    this.client = client;
  }

  /** Cost Explorer's one endpoint is in us-east-1, whatever the operator's region. */
  public static AwsCostExplorer create(URI endpoint) {
    CostExplorerClientBuilder builder =
        CostExplorerClient.builder()
            .region(Region.US_EAST_1)
            .httpClientBuilder(Apache5HttpClient.builder());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return new AwsCostExplorer(builder.build());
  }

  @Override
  public Map<String, Boolean> tagStatus(Collection<String> keys) {
    Map<String, Boolean> status = new TreeMap<>();
    String token = null;
    try {
      do {
        String next = token;
        ListCostAllocationTagsResponse page =
            client.listCostAllocationTags(
                r -> r.tagKeys(keys).type("UserDefined").maxResults(100).nextToken(next));
        for (CostAllocationTag tag : page.costAllocationTags()) {
          status.put(tag.tagKey(), tag.status() == CostAllocationTagStatus.ACTIVE);
        }
        token = page.nextToken();
      } while (token != null);
    } catch (SdkException e) {
      throw AwsErrors.translate("ListCostAllocationTags", e);
    }
    return status;
  }

  @Override
  public Map<String, String> activate(Collection<String> keys) {
    List<CostAllocationTagStatusEntry> entries =
        keys.stream()
            .map(
                k ->
                    CostAllocationTagStatusEntry.builder()
                        .tagKey(k)
                        .status(CostAllocationTagStatus.ACTIVE)
                        .build())
            .toList();
    try {
      Map<String, String> refused = new LinkedHashMap<>();
      for (UpdateCostAllocationTagsStatusError error :
          client
              .updateCostAllocationTagsStatus(r -> r.costAllocationTagsStatus(entries))
              .errors()) {
        refused.put(error.tagKey(), error.code() + ": " + error.message());
      }
      return refused;
    } catch (SdkException e) {
      throw AwsErrors.translate("UpdateCostAllocationTagsStatus", e);
    }
  }

  @Override
  public BedrockBill bedrockCostByCostCenter(LocalDate start, LocalDate end) {
    GetCostAndUsageRequest request =
        GetCostAndUsageRequest.builder()
            .timePeriod(t -> t.start(start.toString()).end(end.toString()))
            .granularity(Granularity.MONTHLY)
            .metrics(METRIC)
            .groupBy(
                g -> g.type(GroupDefinitionType.TAG).key(CostAllocationTags.COST_CENTER),
                g -> g.type(GroupDefinitionType.DIMENSION).key("SERVICE"))
            .build();
    Map<String, BigDecimal> byCostCenter = new TreeMap<>();
    TreeSet<String> services = new TreeSet<>();
    String token = null;
    try {
      do {
        GetCostAndUsageResponse page =
            client.getCostAndUsage(request.toBuilder().nextPageToken(token).build());
        for (ResultByTime result : page.resultsByTime()) {
          for (Group group : result.groups()) {
            String service = group.keys().get(1);
            if (!BedrockServices.isBedrock(service)) {
              continue;
            }
            services.add(service);
            String costCenter = tagValue(group.keys().get(0));
            byCostCenter.merge(
                costCenter, new BigDecimal(group.metrics().get(METRIC).amount()), BigDecimal::add);
          }
        }
        token = page.nextPageToken();
      } while (token != null);
    } catch (SdkException e) {
      throw AwsErrors.translate("GetCostAndUsage", e);
    }
    return new BedrockBill(byCostCenter, new ArrayList<>(services));
  }

  /** {@code costCenter$support} → {@code support}; {@code costCenter$} → {@code ""}. */
  static String tagValue(String key) {
    int dollar = key.indexOf('$');
    return dollar < 0 ? key : key.substring(dollar + 1);
  }

  @Override
  public void close() {
    client.close();
  }
}
