package io.costsentry.sidecar.it;

import static io.costsentry.sidecar.it.ItSupport.HAIKU_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.MetricsOutput;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.cloudwatch.CloudWatchSimulator;
import io.costsentry.simulator.cloudwatch.RecordedDatum;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code COSTSENTRY_METRICS=cloudwatch}: the sidecar's figures reach CloudWatch by PutMetricData.
 */
class CloudWatchOutputIT {

  @Test
  void requestMetricsArePutToCloudWatchWhenTheSidecarStops() throws Exception {
    try (BedrockSimulator bedrock = BedrockSimulator.start(SimulatorOptions.defaults());
        CloudWatchSimulator cloudWatch = CloudWatchSimulator.start()) {
      // the AWS SDK's own endpoint setting, as AWS_ENDPOINT_URL_CLOUDWATCH would be in a pod
      System.setProperty("aws.endpointUrlCloudWatch", cloudWatch.endpoint().toString());
      String policy =
          ItSupport.alias("claude-3-5-haiku", HAIKU_ID, "")
              + ItSupport.budget(
                  "support",
                  "Enforce",
                  "FailClosed",
                  "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 100000");
      SidecarConfig config =
          ItSupport.config(
              ItSupport.writePolicy(policy),
              bedrock.endpoint(),
              "support",
              LedgerKind.MEMORY,
              null,
              null,
              SidecarConfig.DEFAULT_MAX_REQUEST_BYTES,
              Set.of(MetricsOutput.CLOUDWATCH),
              ItSupport.UPSTREAM_TIMEOUT);
      try (Sidecar sidecar = Sidecar.start(config, ItSupport.env(new ItSupport.Output()));
          var client = ItSupport.syncClient(sidecar)) {
        for (int i = 0; i < 3; i++) {
          client.converse(ItSupport.converse("claude-3-5-haiku", "cw [[sim:output=4]]", 10));
        }
      } finally {
        System.clearProperty("aws.endpointUrlCloudWatch");
      }
      RecordedDatum total =
          cloudWatch.data().stream()
              .filter(d -> d.metricName().equals("TotalRequests"))
              .findFirst()
              .orElseThrow();
      assertThat(total.namespace()).isEqualTo("GenAIRateLimiting");
      assertThat(total.statistics().sum()).isEqualTo(3.0);
      assertThat(total.dimensions())
          .containsEntry("CostCenter", "support")
          .containsEntry("Model", "claude-3-5-haiku")
          .containsEntry("Application", "chat");
      RecordedDatum output =
          cloudWatch.data().stream()
              .filter(d -> d.metricName().equals("OutputTokens"))
              .findFirst()
              .orElseThrow();
      assertThat(output.statistics().sum()).isEqualTo(12.0);
    }
  }
}
