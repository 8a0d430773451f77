package io.costsentry.bench;

import io.costsentry.sidecar.Sidecar;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * ConverseStream time to first token: from the SDK call to the first {@code contentBlockDelta}
 * event, direct to the simulator vs through an in-process sidecar, with the async client. The
 * simulator streams 20 tokens with {@link #TOKEN_DELAY} between them.
 */
final class StreamBench {
  static final Duration TOKEN_DELAY = Duration.ofMillis(5);

  record Row(int concurrency, Stats direct, Stats sidecar) {}

  private final int[] streamsPerSide;
  private final int rounds;

  /**
   * @param streamsPerSide streams measured per path, for each concurrency level in order
   */
  StreamBench(int rounds, int... streamsPerSide) {
    this.rounds = rounds;
    this.streamsPerSide = streamsPerSide;
  }

  List<Row> run(int... concurrency) throws Exception {
    List<Row> rows = new ArrayList<>();
    Path policy = Fixtures.writePolicy(Fixtures.HUGE_LIMIT);
    SimulatorOptions options = SimulatorOptions.builder().tokenDelay(TOKEN_DELAY).build();
    try (BedrockSimulator simulator = BedrockSimulator.start(options);
        Sidecar sidecar =
            Sidecar.start(
                Fixtures.sidecarConfig(policy, simulator.endpoint()),
                Fixtures.sidecarEnvironment());
        BedrockRuntimeAsyncClient direct = Fixtures.asyncClient(simulator.endpoint());
        BedrockRuntimeAsyncClient proxied =
            Fixtures.asyncClient(Fixtures.local(sidecar.proxyPort()))) {
      Load.Call directCall =
          () -> firstToken(direct, Fixtures.converseStream(Fixtures.MODEL_ID, Fixtures.PROMPT));
      Load.Call proxiedCall =
          () -> firstToken(proxied, Fixtures.converseStream(Fixtures.ALIAS, Fixtures.PROMPT));
      for (int i = 0; i < concurrency.length; i++) {
        int c = concurrency[i];
        int n = streamsPerSide[Math.min(i, streamsPerSide.length - 1)];
        Load.closedLoop(c, Math.max(c, n / 3), directCall);
        Load.closedLoop(c, Math.max(c, n / 3), proxiedCall);
        simulator.reset();
        Stats[] measured =
            Load.alternating(c, n, rounds, directCall, proxiedCall, simulator::reset);
        rows.add(new Row(c, measured[0], measured[1]));
      }
    }
    return rows;
  }

  /**
   * Starts one stream; the future completes when the stream has ended, with the time from the call
   * to its first contentBlockDelta.
   */
  static CompletableFuture<Long> firstToken(
      BedrockRuntimeAsyncClient client, ConverseStreamRequest request) {
    AtomicLong first = new AtomicLong();
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(
                ConverseStreamResponseHandler.Visitor.builder()
                    .onContentBlockDelta(e -> first.compareAndSet(0, System.nanoTime()))
                    .build())
            .build();
    long t0 = System.nanoTime();
    return client
        .converseStream(request, handler)
        .thenApply(
            v -> {
              long at = first.get();
              if (at == 0) {
                throw new IllegalStateException("stream ended without a contentBlockDelta");
              }
              return at - t0;
            });
  }
}
