package io.costsentry.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.simulator.testing.SdkClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;

/** The real CloudWatch Java client (RPC v2 CBOR) manages dashboards on the simulator. */
class CloudWatchDashboardsIT {
  private static final String BODY =
      """
      {"widgets":[{"type":"metric","x":0,"y":0,"width":12,"height":6,
        "properties":{"region":"us-east-1","title":"Requests",
          "metrics":[["GenAIRateLimiting","TotalRequests"]]}},
        {"type":"text","properties":{"markdown":"hello"}}]}""";
  private static CloudWatchSimulator simulator;
  private static CloudWatchClient client;

  @BeforeAll
  static void start() {
    simulator = CloudWatchSimulator.start();
    client = SdkClients.against(CloudWatchClient.builder(), simulator.endpoint());
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

  @Test
  void putsGetsListsAndDeletesADashboard() {
    assertThat(
            client
                .putDashboard(r -> r.dashboardName("CostSentry").dashboardBody(BODY))
                .dashboardValidationMessages())
        .isEmpty();

    GetDashboardResponse got = client.getDashboard(r -> r.dashboardName("CostSentry"));
    assertThat(got.dashboardBody()).isEqualTo(BODY);
    assertThat(got.dashboardArn())
        .isEqualTo("arn:aws:cloudwatch::123456789012:dashboard/CostSentry");
    assertThat(client.listDashboards(r -> r.dashboardNamePrefix("Cost")).dashboardEntries())
        .singleElement()
        .satisfies(e -> assertThat(e.dashboardName()).isEqualTo("CostSentry"));
    assertThat(simulator.dashboards()).containsEntry("CostSentry", BODY);

    client.deleteDashboards(r -> r.dashboardNames("CostSentry"));
    assertThat(simulator.dashboards()).isEmpty();
    assertThat(simulator.putDashboardCalls()).isEqualTo(1);
  }

  @Test
  void anUnknownDashboardIsNotFoundAndDeletingItDeletesNothing() {
    client.putDashboard(r -> r.dashboardName("kept").dashboardBody(BODY));

    assertThatThrownBy(() -> client.getDashboard(r -> r.dashboardName("missing")))
        .isInstanceOfSatisfying(
            DashboardNotFoundErrorException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
    assertThatThrownBy(() -> client.deleteDashboards(r -> r.dashboardNames("kept", "missing")))
        .isInstanceOf(DashboardNotFoundErrorException.class);
    assertThat(simulator.dashboards()).containsOnlyKeys("kept");
  }

  @Test
  void refusesABodyWithoutWidgetsOrAMetricWidgetWithoutRegion() {
    assertThatThrownBy(
            () -> client.putDashboard(r -> r.dashboardName("bad").dashboardBody("{\"x\":1}")))
        .isInstanceOfSatisfying(
            DashboardInvalidInputErrorException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterInput"));
    assertThatThrownBy(
            () ->
                client.putDashboard(
                    r ->
                        r.dashboardName("bad")
                            .dashboardBody(
                                "{\"widgets\":[{\"type\":\"metric\",\"properties\":{\"metrics\":[]}}]}")))
        .isInstanceOf(DashboardInvalidInputErrorException.class);
    assertThat(simulator.dashboards()).isEmpty();
  }
}
