package io.costsentry.simulator.costexplorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.simulator.awsjson.AwsJsonError;
import io.costsentry.simulator.testing.SdkClients;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatus;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatusEntry;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.costexplorer.model.DimensionValues;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.RequestChangedException;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.costexplorer.model.TagValues;

/** The real Cost Explorer Java client (2.40.2, AWS JSON 1.1) against the simulator. */
class CostExplorerSimulatorIT {
  private static final String BEDROCK = "Amazon Bedrock";
  private static final String HAIKU = "Claude 3.5 Haiku (Amazon Bedrock Edition)";
  private static final LocalDate JAN_1 = LocalDate.parse("2025-01-01");
  private static CostExplorerSimulator simulator;
  private static CostExplorerClient client;

  @BeforeAll
  static void start() {
    simulator =
        CostExplorerSimulator.start(
            "127.0.0.1", 0, Clock.fixed(Instant.parse("2025-02-10T12:00:00Z"), ZoneOffset.UTC));
    client = SdkClients.against(CostExplorerClient.builder(), simulator.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    simulator.close();
  }

  @BeforeEach
  void seed() {
    simulator.reset();
    simulator.addLines(
        List.of(
            BilledLineItem.of(JAN_1, BEDROCK, "1.50", Map.of("costCenter", "support")),
            BilledLineItem.of(JAN_1, HAIKU, "2.25", Map.of("costCenter", "support")),
            BilledLineItem.of(JAN_1.plusDays(1), BEDROCK, "4", Map.of("costCenter", "search")),
            BilledLineItem.of(JAN_1.plusDays(1), BEDROCK, "0.5", Map.of()),
            BilledLineItem.of(JAN_1.plusDays(1), "Amazon Simple Storage Service", "9", Map.of()),
            BilledLineItem.of(
                LocalDate.parse("2025-02-03"), HAIKU, "1", Map.of("costCenter", "support"))));
  }

  private static Expression bedrockAndMarketplace() {
    return Expression.builder()
        .dimensions(DimensionValues.builder().key("SERVICE").values(BEDROCK, HAIKU).build())
        .build();
  }

  private static GetCostAndUsageRequest.Builder monthlyByCostCenter() {
    return GetCostAndUsageRequest.builder()
        .timePeriod(t -> t.start("2025-01-01").end("2025-03-01"))
        .granularity(Granularity.MONTHLY)
        .metrics("UnblendedCost")
        .filter(bedrockAndMarketplace())
        .groupBy(g -> g.type(GroupDefinitionType.TAG).key("costCenter"));
  }

  @Test
  void groupsByAnActiveTagWithMarketplaceServicesIncludedAndUntaggedSpendApart() {
    simulator.activateTags("costCenter");

    GetCostAndUsageResponse response = client.getCostAndUsage(monthlyByCostCenter().build());

    assertThat(response.groupDefinitions())
        .singleElement()
        .satisfies(d -> assertThat(d.key()).isEqualTo("costCenter"));
    assertThat(response.resultsByTime()).hasSize(2);
    ResultByTime january = response.resultsByTime().get(0);
    assertThat(january.timePeriod().start()).isEqualTo("2025-01-01");
    assertThat(january.timePeriod().end()).isEqualTo("2025-02-01");
    assertThat(january.estimated()).isFalse();
    assertThat(january.total()).isEmpty();
    assertThat(amounts(january))
        .containsExactly(
            Map.entry("costCenter$", "0.5"),
            Map.entry("costCenter$search", "4"),
            Map.entry("costCenter$support", "3.75"));
    ResultByTime february = response.resultsByTime().get(1);
    assertThat(february.estimated()).isTrue();
    assertThat(amounts(february)).containsExactly(Map.entry("costCenter$support", "1"));
    assertThat(february.groups().getFirst().metrics().get("UnblendedCost").unit()).isEqualTo("USD");
  }

  @Test
  void anInactiveTagShowsEveryLineAsUntagged() {
    GetCostAndUsageResponse response = client.getCostAndUsage(monthlyByCostCenter().build());

    assertThat(amounts(response.resultsByTime().getFirst()))
        .containsExactly(Map.entry("costCenter$", "8.25"));
  }

  @Test
  void filtersOnTagsAndGroupsByServiceDaily() {
    simulator.activateTags("costCenter");

    GetCostAndUsageResponse response =
        client.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2025-01-01").end("2025-01-03"))
                    .granularity(Granularity.DAILY)
                    .metrics("UnblendedCost", "UsageQuantity")
                    .filter(
                        Expression.builder()
                            .tags(TagValues.builder().key("costCenter").values("support").build())
                            .build())
                    .groupBy(g -> g.type(GroupDefinitionType.DIMENSION).key("SERVICE")));

    assertThat(response.resultsByTime()).hasSize(2);
    assertThat(amounts(response.resultsByTime().get(0)))
        .containsExactly(Map.entry(BEDROCK, "1.5"), Map.entry(HAIKU, "2.25"));
    assertThat(response.resultsByTime().get(1).groups()).isEmpty();
  }

  @Test
  void withoutGroupingTheTotalCarriesEachMetricEvenWhenZero() {
    GetCostAndUsageResponse response =
        client.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2025-01-01").end("2025-01-04"))
                    .granularity(Granularity.DAILY)
                    .metrics("UnblendedCost")
                    .filter(
                        Expression.builder()
                            .not(
                                Expression.builder()
                                    .dimensions(
                                        DimensionValues.builder()
                                            .key("SERVICE")
                                            .values("Amazon Simple Storage Service")
                                            .build())
                                    .build())
                            .build()));

    assertThat(response.resultsByTime())
        .extracting(r -> r.total().get("UnblendedCost").amount())
        .containsExactly("3.75", "4.5", "0");
  }

  @Test
  void pagesWithNextPageTokenAndRefusesATokenForAnotherRequest() {
    simulator.activateTags("costCenter");
    simulator.pageSize(2);
    GetCostAndUsageRequest request = monthlyByCostCenter().build();

    List<Map.Entry<String, String>> all = new ArrayList<>();
    GetCostAndUsageResponse page = client.getCostAndUsage(request);
    page.resultsByTime().forEach(r -> all.addAll(amounts(r).entrySet()));
    assertThat(page.nextPageToken()).isNotNull();
    String token = page.nextPageToken();
    page = client.getCostAndUsage(request.toBuilder().nextPageToken(token).build());
    page.resultsByTime().forEach(r -> all.addAll(amounts(r).entrySet()));
    assertThat(page.nextPageToken()).isNull();
    assertThat(all).hasSize(4);

    assertThatThrownBy(
            () ->
                client.getCostAndUsage(
                    request.toBuilder().metrics("BlendedCost").nextPageToken(token).build()))
        .isInstanceOf(RequestChangedException.class);
  }

  @Test
  void refusesAnEmptyPeriodWithAValidationException() {
    assertThatThrownBy(
            () ->
                client.getCostAndUsage(
                    r ->
                        r.timePeriod(t -> t.start("2025-01-02").end("2025-01-02"))
                            .granularity(Granularity.DAILY)
                            .metrics("UnblendedCost")))
        .isInstanceOfSatisfying(
            CostExplorerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage()).contains("Start date");
            });
  }

  @Test
  void listsSeenTagsAsInactiveAndActivatesThemOnce() {
    simulator.registerInactiveTags("applicationId");

    assertThat(
            client
                .listCostAllocationTags(
                    r -> r.tagKeys("costCenter", "applicationId", "environment"))
                .costAllocationTags())
        .extracting(t -> t.tagKey() + "=" + t.statusAsString())
        .containsExactly("applicationId=Inactive", "costCenter=Inactive");

    var response =
        client.updateCostAllocationTagsStatus(
            r ->
                r.costAllocationTagsStatus(
                    entry("costCenter"), entry("applicationId"), entry("environment")));

    assertThat(response.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.tagKey()).isEqualTo("environment"));
    assertThat(
            client
                .listCostAllocationTags(r -> r.status(CostAllocationTagStatus.ACTIVE))
                .costAllocationTags())
        .extracting(t -> t.tagKey())
        .containsExactly("applicationId", "costCenter");
    assertThat(simulator.isTagActive("costCenter")).isTrue();
    // activating an active tag is a no-op, not an error
    assertThat(
            client
                .updateCostAllocationTagsStatus(
                    r -> r.costAllocationTagsStatus(entry("costCenter")))
                .errors())
        .isEmpty();
    assertThat(simulator.callCount(CostExplorerSimulator.UPDATE_COST_ALLOCATION_TAGS_STATUS))
        .isEqualTo(2);
  }

  @Test
  void anArmedAccessDeniedAnswersEveryCallUntilCleared() {
    simulator
        .faults()
        .failAlways(
            CostExplorerSimulator.GET_COST_AND_USAGE,
            new AwsJsonError(
                400,
                "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/op is not authorized to perform:"
                    + " ce:GetCostAndUsage"));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.getCostAndUsage(monthlyByCostCenter().build()))
          .isInstanceOfSatisfying(
              CostExplorerException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("ce:GetCostAndUsage");
                assertThat(e.requestId()).isNotBlank();
              });
    }
    assertThat(client.listCostAllocationTags(r -> r.maxResults(10)).costAllocationTags())
        .isNotEmpty();
    simulator.faults().clear();
    assertThat(client.getCostAndUsage(monthlyByCostCenter().build()).resultsByTime()).hasSize(2);
    assertThat(simulator.callCount(CostExplorerSimulator.GET_COST_AND_USAGE)).isEqualTo(3);
  }

  private static CostAllocationTagStatusEntry entry(String key) {
    return CostAllocationTagStatusEntry.builder()
        .tagKey(key)
        .status(CostAllocationTagStatus.ACTIVE)
        .build();
  }

  private static Map<String, String> amounts(ResultByTime result) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Group group : result.groups()) {
      out.put(String.join("|", group.keys()), group.metrics().get("UnblendedCost").amount());
    }
    return out;
  }
}
