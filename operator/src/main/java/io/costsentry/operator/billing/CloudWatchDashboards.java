package io.costsentry.operator.billing;

import java.net.URI;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatch.model.DashboardValidationMessage;

/** {@link Dashboards} on the AWS SDK's CloudWatch client (RPC v2 CBOR, aws-wire.md §5). */
public final class CloudWatchDashboards implements Dashboards, AutoCloseable {
  private final CloudWatchClient client;

  public CloudWatchDashboards(CloudWatchClient client) {
    this.client = client;
  }

  /**
   * @param region the operator's region, or {@code null} for the default AWS chain
   */
  public static CloudWatchDashboards create(String region, URI endpoint) {
    CloudWatchClientBuilder builder =
        CloudWatchClient.builder().httpClientBuilder(Apache5HttpClient.builder());
    if (region != null) {
      builder.region(Region.of(region));
    }
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return new CloudWatchDashboards(builder.build());
  }

  @Override
  public void put(String name, String body) {
    try {
      for (DashboardValidationMessage m :
          client
              .putDashboard(r -> r.dashboardName(name).dashboardBody(body))
              .dashboardValidationMessages()) {
        org.slf4j.LoggerFactory.getLogger(CloudWatchDashboards.class)
            .warn("dashboard {}: {} at {}", name, m.message(), m.dataPath());
      }
    } catch (SdkException e) {
      throw AwsErrors.translate("PutDashboard " + name, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
