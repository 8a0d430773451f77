package io.costsentry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.inspect.InputTokenBound;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;

/**
 * A burst of concurrent Converse calls against a Day limit that admits about a fifth of them at
 * their upper bound: counts approvals and denials, and compares what the simulator billed with the
 * limit.
 */
final class OvershootBench {
  /**
   * The prompt asks the simulator for {@link Fixtures#MAX_TOKENS} output tokens, so every call
   * really uses its whole output allowance.
   */
  static final String PROMPT =
      "[[sim:output=" + Fixtures.MAX_TOKENS + "]] Write a long paragraph about cost budgets.";

  record Result(
      int requests,
      long boundPerRequest,
      long limit,
      int approved,
      int denied,
      int otherErrors,
      String firstOtherError,
      int reachedBedrock,
      long billedTokens) {
    long overshoot() {
      return Math.max(0, billedTokens - limit);
    }
  }

  Result run(int requests, double admittedFraction) throws Exception {
    long bound = requestBound();
    long limit = Math.max(1, Math.round(requests * admittedFraction) * bound);
    Path policy = Fixtures.writePolicy(limit);
    try (BedrockSimulator simulator = BedrockSimulator.start(SimulatorOptions.defaults());
        Sidecar sidecar =
            Sidecar.start(
                Fixtures.sidecarConfig(policy, simulator.endpoint()),
                Fixtures.sidecarEnvironment());
        BedrockRuntimeAsyncClient client =
            Fixtures.asyncClient(Fixtures.local(sidecar.proxyPort()))) {
      ConverseRequest request = Fixtures.converse(Fixtures.ALIAS, PROMPT);
      AtomicInteger approved = new AtomicInteger();
      AtomicInteger denied = new AtomicInteger();
      AtomicInteger other = new AtomicInteger();
      AtomicReference<String> firstOther = new AtomicReference<>();
      List<CompletableFuture<?>> all = new ArrayList<>(requests);
      for (int i = 0; i < requests; i++) {
        all.add(
            client
                .converse(request)
                .whenComplete(
                    (response, error) -> {
                      if (error == null) {
                        approved.incrementAndGet();
                      } else if (rootCause(error) instanceof ServiceQuotaExceededException) {
                        denied.incrementAndGet();
                      } else {
                        other.incrementAndGet();
                        firstOther.compareAndSet(null, String.valueOf(rootCause(error)));
                      }
                    }));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .get(5, TimeUnit.MINUTES);
      return new Result(
          requests,
          bound,
          limit,
          approved.get(),
          denied.get(),
          other.get(),
          firstOther.get(),
          simulator.calls().size(),
          simulator.totalInputTokens()
              + simulator.totalOutputTokens()
              + simulator.totalCacheReadInputTokens()
              + simulator.totalCacheWriteInputTokens());
    }
  }

  /**
   * The sidecar's reservation for one call: the input bound of the body the SDK sends (UTF-8 bytes
   * of every name and value) plus {@code maxTokens}.
   */
  static long requestBound() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode();
    ObjectNode message = body.putArray("messages").addObject();
    message.put("role", "user");
    message.putArray("content").addObject().put("text", PROMPT);
    body.putObject("inferenceConfig").put("maxTokens", Fixtures.MAX_TOKENS);
    return InputTokenBound.of(body) + Fixtures.MAX_TOKENS;
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
