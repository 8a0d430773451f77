package io.costsentry.sidecar.it;

import static io.costsentry.sidecar.it.ItSupport.HAIKU_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.policy.Period;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;

/**
 * The upstream timeout bounds the whole call, stream included: a stream Bedrock stops feeding is
 * cut off, and its reservation is settled at the upper bound (an over-count), never left to expire
 * while Bedrock may still bill it.
 */
class UpstreamDeadlineIT {
  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void aStreamThatOutlivesTheUpstreamTimeoutIsCutAndChargedItsUpperBound() throws Exception {
    // 100 tokens 200 ms apart: a 20 s stream, ten times the timeout
    try (Dynalite dynalite = Dynalite.start();
        BedrockSimulator simulator =
            BedrockSimulator.start(
                SimulatorOptions.builder().tokenDelay(Duration.ofMillis(200)).build())) {
      String limits = "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 1000000";
      var policy =
          ItSupport.writePolicy(
              ItSupport.alias("claude-3-5-haiku", HAIKU_ID, "")
                  + ItSupport.budget("support", "Enforce", "FailClosed", limits));
      SidecarConfig config =
          ItSupport.config(
              policy,
              simulator.endpoint(),
              "support",
              LedgerKind.DYNAMODB,
              dynalite.endpoint(),
              "deadline",
              SidecarConfig.DEFAULT_MAX_REQUEST_BYTES,
              ItSupport.METRICS,
              UPSTREAM_TIMEOUT);
      try (Sidecar sidecar = Sidecar.start(config, ItSupport.env(new ItSupport.Output()));
          BedrockRuntimeAsyncClient client = ItSupport.asyncClient(sidecar)) {
        ConverseStreamRequest request =
            ConverseStreamRequest.builder()
                .modelId("claude-3-5-haiku")
                .messages(ItSupport.converse("x", "slow [[sim:output=100]]", 200).messages())
                .inferenceConfig(c -> c.maxTokens(200))
                .build();
        long started = System.nanoTime();

        List<String> events = new CopyOnWriteArrayList<>();
        try {
          client
              .converseStream(
                  request,
                  ConverseStreamResponseHandler.builder()
                      .subscriber(
                          ConverseStreamResponseHandler.Visitor.builder()
                              .onContentBlockDelta(e -> events.add("delta"))
                              .onMetadata(e -> events.add("metadata"))
                              .build())
                      .build())
              .get(15, TimeUnit.SECONDS);
          fail("the cut stream ended like a complete one");
        } catch (ExecutionException e) {
          assertThat(e.getCause())
              .as("the app sees the stream break, as Bedrock reports a failure mid-stream")
              .isInstanceOf(ModelStreamErrorException.class)
              .hasMessageContaining("upstream timeout (PT2S)");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("cut at the upstream timeout, not after the 20 s stream")
            .isLessThan(Duration.ofSeconds(10));
        assertThat(events).as("the app never gets the end of the reply").doesNotContain("metadata");
        assertThat(events.size()).isBetween(1, 50);

        CounterKey key =
            new CounterKey(
                "budget#support#daily-tokens", Period.DAY.windowAt(Instant.now(), ZoneOffset.UTC));
        try (var ddb = DynaliteClients.of(dynalite)) {
          DynamoDbLedger ledger = new DynamoDbLedger(ddb, "deadline");
          await()
              .atMost(Duration.ofSeconds(10))
              .untilAsserted(
                  () -> {
                    var state = ledger.read(key);
                    assertThat(state.holds()).isEmpty();
                    // the upper bound: at least the 200 output tokens it may have been billed
                    assertThat(state.used()).isGreaterThanOrEqualTo(200);
                    assertThat(state.requests()).isEqualTo(1);
                  });
        }
      }
    }
  }
}
