package io.costsentry.sidecar.it;

import io.costsentry.sidecar.Sidecar;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/** Shared set-up of the sidecar's integration tests: policies, configs, real SDK clients. */
final class ItSupport {
  static final String HAIKU_ID = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

  private ItSupport() {}

  static String alias(String name, String modelId, String extraSpec) {
    return """
        apiVersion: costsentry.io/v1alpha1
        kind: ModelAlias
        metadata:
          name: %s
        spec:
          modelId: "%s"
          defaults:
            maxTokens: 256
          maxOutputTokens: 4096
        %s
        ---
        """
        .formatted(name, modelId, extraSpec.indent(2).stripTrailing());
  }

  static String budget(String costCenter, String mode, String failure, String limitsYaml) {
    return """
        apiVersion: costsentry.io/v1alpha1
        kind: CostCenterBudget
        metadata:
          name: %s
        spec:
          costCenter: %s
          enforcement: %s
          failurePolicy: %s
          limits:
        %s
        ---
        """
        .formatted(costCenter, costCenter, mode, failure, limitsYaml.indent(4).stripTrailing());
  }

  static Path writePolicy(String yaml) throws IOException {
    Path file = Files.createTempFile("costsentry-policy", ".yaml");
    Files.writeString(file, yaml);
    file.toFile().deleteOnExit();
    return file;
  }

  static final Set<MetricsOutput> METRICS = Set.of(MetricsOutput.EMF, MetricsOutput.PROMETHEUS);
  static final Duration UPSTREAM_TIMEOUT = Duration.ofMinutes(1);

  static SidecarConfig config(
      Path policy,
      URI bedrock,
      String costCenter,
      LedgerKind ledger,
      URI dynamoDb,
      String table,
      long maxRequestBytes) {
    return config(
        policy,
        bedrock,
        costCenter,
        ledger,
        dynamoDb,
        table,
        maxRequestBytes,
        METRICS,
        UPSTREAM_TIMEOUT);
  }

  static SidecarConfig config(
      Path policy,
      URI bedrock,
      String costCenter,
      LedgerKind ledger,
      URI dynamoDb,
      String table,
      long maxRequestBytes,
      Set<MetricsOutput> metrics,
      Duration upstreamTimeout) {
    return new SidecarConfig(
        new HostPort("127.0.0.1", 0),
        new HostPort("127.0.0.1", 0),
        bedrock,
        "us-east-1",
        ledger,
        dynamoDb,
        table,
        true,
        policy,
        costCenter,
        "chat",
        "test",
        metrics,
        maxRequestBytes,
        upstreamTimeout,
        Duration.ofMinutes(2),
        false,
        Duration.ofMillis(200),
        // Patient: dynalite on a busy CI machine can take over a second per write, and these tests
        // are about budgets, not about noticing an outage fast (LedgerOutageIT cuts connections,
        // which fails at once whatever the timeout).
        Duration.ofSeconds(10));
  }

  static SidecarConfig memoryConfig(Path policy, URI bedrock, String costCenter) {
    return config(
        policy,
        bedrock,
        costCenter,
        LedgerKind.MEMORY,
        null,
        null,
        SidecarConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  /** The sidecar signs upstream with the simulator's key pair, which the simulator verifies. */
  static SidecarEnvironment env(Output output) {
    return new SidecarEnvironment(
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                SimulatorOptions.DEFAULT_ACCESS_KEY_ID,
                SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY)),
        output.stream(),
        null);
  }

  /** The app's credentials: anything, since the sidecar re-signs. */
  private static StaticCredentialsProvider appCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAPP", "app-secret"));
  }

  static BedrockRuntimeClient syncClient(Sidecar sidecar) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + sidecar.proxyPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(appCredentials())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** The async client with its defaults: HTTP/2 cleartext with prior knowledge. */
  static BedrockRuntimeAsyncClient asyncClient(Sidecar sidecar) {
    return BedrockRuntimeAsyncClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + sidecar.proxyPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(appCredentials())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  static ConverseRequest converse(String model, String text, Integer maxTokens) {
    return ConverseRequest.builder()
        .modelId(model)
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text))
                .build())
        .inferenceConfig(c -> c.maxTokens(maxTokens))
        .build();
  }

  static SdkBytes anthropicBody(String text, int maxTokens) {
    return SdkBytes.fromUtf8String(
        "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":"
            + maxTokens
            + ",\"messages\":[{\"role\":\"user\",\"content\":\""
            + text
            + "\"}]}");
  }

  static HttpResponse<String> post(Sidecar sidecar, String rawPath, String contentType, byte[] body)
      throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.proxyPort() + rawPath))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  static HttpResponse<String> get(Sidecar sidecar, int port, String path)
      throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Collects the lines a sidecar prints (EMF and audit lines). */
  static final class Output {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final PrintStream stream =
        new PrintStream(
            new OutputStream() {
              private final StringBuilder current = new StringBuilder();

              @Override
              public synchronized void write(int b) {
                if (b == '\n') {
                  lines.add(current.toString());
                  current.setLength(0);
                } else {
                  current.append((char) b);
                }
              }
            },
            true,
            StandardCharsets.UTF_8);

    PrintStream stream() {
      return stream;
    }

    List<String> audit() {
      return lines.stream().filter(l -> l.contains("\"costsentry.audit\"")).toList();
    }

    List<String> emf() {
      return lines.stream().filter(l -> l.startsWith("{\"_aws\"")).toList();
    }
  }
}
