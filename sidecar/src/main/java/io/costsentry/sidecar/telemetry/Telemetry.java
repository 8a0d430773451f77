package io.costsentry.sidecar.telemetry;

import io.costsentry.sidecar.config.MetricsOutput;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The sinks a sidecar records request outcomes to: the audit log always, then the configured
 * metrics outputs.
 *
 * @param sink every sink behind one; closing it flushes PutMetricData
 * @param prometheus the sink the admin port scrapes, or {@code null} when Prometheus is off
 */
public record Telemetry(MetricsSink sink, PrometheusMetricsSink prometheus) {

  public static Telemetry of(
      Set<MetricsOutput> outputs,
      PrintStream stdout,
      String region,
      AwsCredentialsProvider credentials,
      LongSupplier pendingLedgerWrites) {
    List<MetricsSink> sinks = new ArrayList<>();
    sinks.add(new AuditLog(stdout));
    if (outputs.contains(MetricsOutput.EMF)) {
      sinks.add(new EmfMetricsSink(stdout));
    }
    PrometheusMetricsSink prometheus = null;
    if (outputs.contains(MetricsOutput.PROMETHEUS)) {
      prometheus = new PrometheusMetricsSink(pendingLedgerWrites);
      sinks.add(prometheus);
    }
    if (outputs.contains(MetricsOutput.CLOUDWATCH)) {
      // The endpoint follows the SDK's own AWS_ENDPOINT_URL_CLOUDWATCH when set.
      sinks.add(
          new CloudWatchMetricsSink(
              CloudWatchClient.builder()
                  .region(Region.of(region))
                  .credentialsProvider(credentials)
                  .httpClientBuilder(Apache5HttpClient.builder())
                  .build()));
    }
    return new Telemetry(new CompositeSink(sinks), prometheus);
  }
}
