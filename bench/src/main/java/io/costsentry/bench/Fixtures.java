package io.costsentry.bench;

import io.costsentry.sidecar.SidecarEnvironment;
import io.costsentry.sidecar.config.HostPort;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.MetricsOutput;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/** Policies, sidecar configurations, SDK clients and requests shared by the benchmarks. */
final class Fixtures {
  static final String ALIAS = "claude-3-5-haiku";
  static final String MODEL_ID = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
  static final String COST_CENTER = "bench";
  static final int MAX_TOKENS = 64;
  static final String PROMPT = "Write one short sentence about cost budgets.";
  static final long HUGE_LIMIT = 1_000_000_000_000L;

  private Fixtures() {}

  /** The standalone-mode policy: one alias and the {@code bench} budget with one Day limit. */
  static String policyYaml(long maxTotalTokensPerDay) {
    return """
        apiVersion: costsentry.io/v1alpha1
        kind: ModelAlias
        metadata:
          name: %s
        spec:
          modelId: "%s"
          defaults:
            maxTokens: %d
        ---
        apiVersion: costsentry.io/v1alpha1
        kind: CostCenterBudget
        metadata:
          name: %s
        spec:
          costCenter: %s
          enforcement: Enforce
          failurePolicy: FailClosed
          limits:
            - name: day
              period: Day
              maxTotalTokens: %d
        """
        .formatted(ALIAS, MODEL_ID, MAX_TOKENS, COST_CENTER, COST_CENTER, maxTotalTokensPerDay);
  }

  static Path writePolicy(long maxTotalTokensPerDay) throws IOException {
    Path file = Files.createTempFile("costsentry-bench-policy", ".yaml");
    Files.writeString(file, policyYaml(maxTotalTokensPerDay));
    file.toFile().deleteOnExit();
    return file;
  }

  /** In-memory ledger, Prometheus metrics only, ephemeral ports. */
  static SidecarConfig sidecarConfig(Path policy, URI bedrock) {
    return new SidecarConfig(
        new HostPort("127.0.0.1", 0),
        new HostPort("127.0.0.1", 0),
        bedrock,
        "us-east-1",
        LedgerKind.MEMORY,
        null,
        null,
        false,
        policy,
        COST_CENTER,
        "bench-app",
        "bench",
        Set.of(MetricsOutput.PROMETHEUS),
        SidecarConfig.DEFAULT_MAX_REQUEST_BYTES,
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        false,
        null,
        null);
  }

  static StaticCredentialsProvider simulatorCredentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(
            SimulatorOptions.DEFAULT_ACCESS_KEY_ID, SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY));
  }

  /** The sidecar signs upstream with the simulator's key pair; audit lines go nowhere. */
  static SidecarEnvironment sidecarEnvironment() {
    return new SidecarEnvironment(
        simulatorCredentials(), new PrintStream(OutputStream.nullOutputStream()), null);
  }

  /**
   * An app's sync client. Direct calls sign with the simulator's keys (it verifies them); calls
   * through the sidecar sign with the same keys, which the sidecar ignores and re-signs.
   */
  static BedrockRuntimeClient syncClient(URI endpoint) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(simulatorCredentials())
        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /**
   * An app's async client with the SDK's protocol default for Bedrock Runtime (HTTP/2 cleartext
   * with prior knowledge); the concurrency cap is raised so 200 requests can be in flight.
   */
  static BedrockRuntimeAsyncClient asyncClient(URI endpoint) {
    return BedrockRuntimeAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(simulatorCredentials())
        .httpClientBuilder(
            NettyNioAsyncHttpClient.builder()
                .maxConcurrency(512)
                .maxPendingConnectionAcquires(10_000)
                .connectionAcquisitionTimeout(Duration.ofSeconds(60)))
        .overrideConfiguration(
            o -> o.retryStrategy(b -> b.maxAttempts(1)).apiCallTimeout(Duration.ofSeconds(120)))
        .build();
  }

  static Message userMessage(String text) {
    return Message.builder()
        .role(ConversationRole.USER)
        .content(ContentBlock.fromText(text))
        .build();
  }

  static ConverseRequest converse(String modelId, String text) {
    return ConverseRequest.builder()
        .modelId(modelId)
        .messages(userMessage(text))
        .inferenceConfig(c -> c.maxTokens(MAX_TOKENS))
        .build();
  }

  static ConverseStreamRequest converseStream(String modelId, String text) {
    return ConverseStreamRequest.builder()
        .modelId(modelId)
        .messages(userMessage(text))
        .inferenceConfig(c -> c.maxTokens(MAX_TOKENS))
        .build();
  }

  static URI local(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }
}
