package io.costsentry.bench;

import io.costsentry.sidecar.Sidecar;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;

/**
 * Converse latency direct to the simulator vs through an in-process sidecar (in-memory ledger),
 * with the real SDK clients: the sync client one call at a time (direct and sidecar calls
 * alternate), the async client at 50 and 200 calls in flight (direct and sidecar rounds alternate).
 */
final class LatencyBench {
  /** One row: a concurrency level measured both ways. */
  record Row(String client, int concurrency, Stats direct, Stats sidecar) {}

  private final int syncRequests;
  private final int asyncRequests;
  private final int rounds;

  LatencyBench(int syncRequests, int asyncRequests, int rounds) {
    this.syncRequests = syncRequests;
    this.asyncRequests = asyncRequests;
    this.rounds = rounds;
  }

  List<Row> run(int... asyncConcurrency) throws Exception {
    List<Row> rows = new ArrayList<>();
    Path policy = Fixtures.writePolicy(Fixtures.HUGE_LIMIT);
    try (BedrockSimulator simulator = BedrockSimulator.start(SimulatorOptions.defaults());
        Sidecar sidecar =
            Sidecar.start(
                Fixtures.sidecarConfig(policy, simulator.endpoint()),
                Fixtures.sidecarEnvironment())) {
      URI direct = simulator.endpoint();
      URI proxied = Fixtures.local(sidecar.proxyPort());
      ConverseRequest directRequest = Fixtures.converse(Fixtures.MODEL_ID, Fixtures.PROMPT);
      ConverseRequest proxiedRequest = Fixtures.converse(Fixtures.ALIAS, Fixtures.PROMPT);

      try (BedrockRuntimeClient directSync = Fixtures.syncClient(direct);
          BedrockRuntimeClient proxiedSync = Fixtures.syncClient(proxied)) {
        // warm-up, then measured: the two paths alternate call by call
        interleavedSync(directSync, directRequest, proxiedSync, proxiedRequest, syncRequests / 2);
        simulator.reset();
        Recorder[] measured =
            interleavedSync(directSync, directRequest, proxiedSync, proxiedRequest, syncRequests);
        rows.add(
            new Row(
                "sync (Apache 5, HTTP/1.1)",
                1,
                Stats.of(measured[0].values(), measured[0].errors(), 0),
                Stats.of(measured[1].values(), measured[1].errors(), 0)));
      }
      simulator.reset();

      try (BedrockRuntimeAsyncClient directAsync = Fixtures.asyncClient(direct);
          BedrockRuntimeAsyncClient proxiedAsync = Fixtures.asyncClient(proxied)) {
        Load.Call directCall = () -> timed(() -> directAsync.converse(directRequest));
        Load.Call proxiedCall = () -> timed(() -> proxiedAsync.converse(proxiedRequest));
        for (int concurrency : asyncConcurrency) {
          // warm-up both paths at this concurrency (connections, HTTP/2 windows, JIT)
          Load.closedLoop(concurrency, asyncRequests / 2, directCall);
          Load.closedLoop(concurrency, asyncRequests / 2, proxiedCall);
          simulator.reset();
          Stats[] measured =
              Load.alternating(
                  concurrency, asyncRequests, rounds, directCall, proxiedCall, simulator::reset);
          rows.add(new Row("async (Netty, h2c)", concurrency, measured[0], measured[1]));
        }
      }
    }
    return rows;
  }

  private static Recorder[] interleavedSync(
      BedrockRuntimeClient directSync,
      ConverseRequest directRequest,
      BedrockRuntimeClient proxiedSync,
      ConverseRequest proxiedRequest,
      int n) {
    Recorder d = new Recorder(n);
    Recorder s = new Recorder(n);
    for (int i = 0; i < n; i++) {
      boolean directFirst = (i & 1) == 0;
      if (directFirst) {
        call(directSync, directRequest, d);
        call(proxiedSync, proxiedRequest, s);
      } else {
        call(proxiedSync, proxiedRequest, s);
        call(directSync, directRequest, d);
      }
    }
    report(new Recorder[] {d, s});
    return new Recorder[] {d, s};
  }

  private static void call(BedrockRuntimeClient client, ConverseRequest request, Recorder into) {
    long t0 = System.nanoTime();
    try {
      client.converse(request);
      into.record(System.nanoTime() - t0);
    } catch (RuntimeException e) {
      into.error(e);
    }
  }

  /** Times from before the SDK call (marshalling and signing included) to its response. */
  static CompletableFuture<Long> timed(Supplier<CompletableFuture<?>> call) {
    long t0 = System.nanoTime();
    return call.get().thenApply(r -> System.nanoTime() - t0);
  }

  /** The first error of a run goes to stderr, so a broken path is not mistaken for a fast one. */
  static void report(Recorder[] runs) {
    for (Recorder r : runs) {
      if (r.firstError() != null) {
        System.err.println("bench: " + r.errors() + " failed calls, first: " + r.firstError());
        return;
      }
    }
  }
}
