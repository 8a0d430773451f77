package io.costsentry.simulator.bedrock;

import io.costsentry.simulator.bedrock.auth.RequestAuthenticator;
import io.costsentry.simulator.bedrock.fault.FaultPlan;
import io.costsentry.simulator.bedrock.model.ModelCatalog;
import io.costsentry.simulator.bedrock.model.PromptCache;
import io.costsentry.simulator.bedrock.model.UsageModel;
import io.costsentry.simulator.bedrock.server.CallLog;
import io.costsentry.simulator.bedrock.server.RequestProcessor;
import io.costsentry.simulator.bedrock.server.SimulatorHandler;
import io.costsentry.simulator.http.JettyServers;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A wire-level fake of Amazon Bedrock Runtime that the real AWS SDK clients accept through {@code
 * endpointOverride}. It serves {@code Converse}, {@code ConverseStream}, {@code InvokeModel},
 * {@code InvokeModelWithResponseStream} and {@code CountTokens} on {@code POST
 * /model/{modelId}/...}, over HTTP/1.1 and h2c with prior knowledge on the same port (the Java
 * async and JavaScript v3 clients speak h2c to {@code http://} endpoints), with Bedrock's JSON
 * bodies, binary event streams, restJson1 errors and SigV4 or bearer authentication.
 *
 * <p><b>Deterministic usage</b> (details in {@link UsageModel}):
 *
 * <ul>
 *   <li>input tokens = {@code ceil(utf8Bytes / 4)} of all prompt text, at least 1 — never more than
 *       the byte count, like a byte-level BPE tokenizer;
 *   <li>text before a cache point is reported as cache-write tokens the first time that prefix is
 *       seen for the model and as cache-read tokens afterwards, apart from {@code inputTokens};
 *   <li>output tokens = {@code min(maxTokens, N)} where N is given by {@code [[sim:output=N]]} in
 *       the prompt, else 20 (see {@link OutputLengthPolicy}); the text is one filler word per
 *       token.
 * </ul>
 *
 * <p>{@link #calls()} lists every request with the usage the simulator reported; a streaming call
 * the client abandoned is still billed in full ({@code completed=false}), as Bedrock bills the
 * whole response. {@link #faults()} injects Bedrock errors, in-stream exceptions and delays.
 *
 * <pre>{@code
 * try (BedrockSimulator bedrock = BedrockSimulator.start(SimulatorOptions.defaults())) {
 *   BedrockRuntimeClient client = BedrockRuntimeClient.builder()
 *       .endpointOverride(bedrock.endpoint())
 *       .region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
 *           SimulatorOptions.DEFAULT_ACCESS_KEY_ID, SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY)))
 *       .build();
 *   ...
 * }
 * }</pre>
 */
public final class BedrockSimulator implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final ExecutorService requestExecutor;
  private final CallLog callLog = new CallLog();
  private final FaultPlan faults = new FaultPlan();
  private final PromptCache promptCache = new PromptCache();

  private BedrockSimulator(SimulatorOptions options) {
    Clock clock = Clock.systemUTC();
    RequestProcessor processor =
        new RequestProcessor(
            new RequestAuthenticator(
                options.verifySignatures(), options.credentials(), options.bearerTokens(), clock),
            new ModelCatalog(
                options.applicationInferenceProfiles(), options.acceptUnregisteredProfiles()),
            new UsageModel(
                options.outputLength(),
                options.firstTokenDelay(),
                options.tokenDelay(),
                promptCache),
            faults,
            callLog,
            clock);
    requestExecutor = Executors.newVirtualThreadPerTaskExecutor();
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // ARN model ids arrive with '/' encoded as %2F; Jetty's default refuses such paths as
    // ambiguous.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "bedrock-model-ids",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    connector =
        new ServerConnector(
            server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    server.addConnector(connector);
    server.setHandler(new SimulatorHandler(processor, requestExecutor));
  }

  /**
   * Starts a simulator and returns once it accepts connections.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static BedrockSimulator start(SimulatorOptions options) {
    BedrockSimulator simulator = new BedrockSimulator(options);
    JettyServers.start(
        simulator.server, "Bedrock simulator", options.host(), options.port(), simulator::close);
    return simulator;
  }

  /**
   * The base URI to give SDK clients as {@code endpointOverride}, e.g. {@code
   * http://127.0.0.1:41234}.
   */
  public URI endpoint() {
    return JettyServers.endpoint(connector);
  }

  /** Every request answered so far (refused ones included), oldest first. */
  public List<RecordedCall> calls() {
    return callLog.calls();
  }

  /**
   * Plain input tokens reported over all calls (cache reads and writes excluded, see {@link
   * #totalCacheReadInputTokens()} and {@link #totalCacheWriteInputTokens()}). Failed calls report
   * none; abandoned streams count in full, as Bedrock bills them.
   */
  public long totalInputTokens() {
    return callLog.total(Usage::inputTokens);
  }

  /** Output tokens reported over all calls, on the same terms as {@link #totalInputTokens()}. */
  public long totalOutputTokens() {
    return callLog.total(Usage::outputTokens);
  }

  public long totalCacheReadInputTokens() {
    return callLog.total(Usage::cacheReadInputTokens);
  }

  public long totalCacheWriteInputTokens() {
    return callLog.total(Usage::cacheWriteInputTokens);
  }

  /** Forgets the recorded calls, the prompt cache and any armed fault. */
  public void reset() {
    callLog.clear();
    promptCache.clear();
    faults.clear();
  }

  /** Arms failures for upcoming calls. */
  public FaultInjector faults() {
    return faults;
  }

  /** Stops the server; streams still running are cut. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Bedrock simulator did not stop cleanly", e);
    } finally {
      requestExecutor.shutdownNow();
    }
  }
}
