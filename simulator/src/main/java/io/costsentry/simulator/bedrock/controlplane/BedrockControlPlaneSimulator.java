package io.costsentry.simulator.bedrock.controlplane;

import io.costsentry.simulator.http.JettyServers;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A wire-level fake of the Amazon Bedrock control plane ({@code bedrock}, restJson1, aws-wire.md
 * §4) that the real {@code BedrockClient} accepts through {@code endpointOverride}: application
 * inference profiles ({@code CreateInferenceProfile}, {@code GetInferenceProfile}, {@code
 * ListInferenceProfiles}, {@code DeleteInferenceProfile}), their tags ({@code TagResource}, {@code
 * UntagResource}, {@code ListTagsForResource}) and the foundation-model catalog ({@code
 * GetFoundationModel}, {@code ListFoundationModels}) of {@value #REGION}, account {@value
 * #ACCOUNT_ID}.
 *
 * <p>Behaves as Bedrock does where it matters to a client: create answers {@code 201}, a taken name
 * is a {@code ConflictException}, a repeated {@code clientRequestToken} returns the profile it
 * created, {@code copyFrom} must name a known foundation model or system-defined profile ({@code
 * us.<modelId>}, {@code global.<modelId>} for the newest Claude models), unknown identifiers are
 * {@code 404 ResourceNotFoundException} (an unknown foundation model is Bedrock's {@code
 * ValidationException} "The provided model identifier is invalid."), names, tags and identifiers
 * are checked against the model's patterns, and {@code ListInferenceProfiles} without a type lists
 * system-defined profiles only. Signatures are not checked.
 *
 * <p>Test hooks: {@link #profiles()}, {@link #setTags} (drift made by someone else), {@link
 * #createProfile} (a profile someone else made), {@link #faults()} and {@link #callCount}.
 *
 * <pre>{@code
 * try (BedrockControlPlaneSimulator bedrock = BedrockControlPlaneSimulator.start()) {
 *   BedrockClient client = BedrockClient.builder()
 *       .endpointOverride(bedrock.endpoint())
 *       .region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(
 *           AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
 *       .build();
 *   ...
 * }
 * }</pre>
 */
public final class BedrockControlPlaneSimulator implements AutoCloseable {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT_ID = "123456789012";
  private static final String LOOPBACK = "127.0.0.1";

  private final Server server;
  private final ServerConnector connector;
  private final ControlPlaneState state;
  private final ControlPlaneFaults faults = new ControlPlaneFaults();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  private BedrockControlPlaneSimulator(String host, int port) {
    FoundationModels catalog = new FoundationModels(REGION, ACCOUNT_ID);
    state = new ControlPlaneState(REGION, ACCOUNT_ID, catalog, Clock.systemUTC());
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // ARN identifiers arrive with '/' encoded as %2F; Jetty's default refuses such paths.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "bedrock-arns",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(
        new ControlPlaneHandler(
            state,
            catalog,
            faults,
            operation ->
                calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet()));
  }

  /** Starts a simulator on a free loopback port and returns once it accepts connections. */
  public static BedrockControlPlaneSimulator start() {
    return start(LOOPBACK, 0);
  }

  /**
   * Starts a simulator on {@code host:port} ({@code 0}: a free port).
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static BedrockControlPlaneSimulator start(String host, int port) {
    BedrockControlPlaneSimulator simulator = new BedrockControlPlaneSimulator(host, port);
    JettyServers.start(
        simulator.server, "Bedrock control-plane simulator", host, port, simulator::close);
    return simulator;
  }

  /** The base URI to give SDK clients as {@code endpointOverride}. */
  public URI endpoint() {
    return JettyServers.endpoint(connector);
  }

  /** The ARN of a foundation model of the simulated region. */
  public static String foundationModelArn(String modelId) {
    return "arn:aws:bedrock:" + REGION + "::foundation-model/" + modelId;
  }

  /** The ARN of a system-defined inference profile, e.g. of {@code us.amazon.nova-lite-v1:0}. */
  public static String systemProfileArn(String profileId) {
    return "arn:aws:bedrock:" + REGION + ":" + ACCOUNT_ID + ":inference-profile/" + profileId;
  }

  /** The application inference profiles now, by name. */
  public Map<String, ApplicationProfile> profiles() {
    return state.snapshot();
  }

  /**
   * Creates an application inference profile as someone other than the client under test would,
   * without counting a call or consuming a fault.
   *
   * @throws IllegalArgumentException when Bedrock would refuse it (name taken, unknown source)
   */
  public ApplicationProfile createProfile(
      String name, String modelSourceArn, Map<String, String> tags) {
    try {
      return state.create(name, null, null, modelSourceArn, tags);
    } catch (io.costsentry.simulator.bedrock.wire.BedrockException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Replaces all tags of a profile, as someone editing them outside the client under test would.
   *
   * @throws IllegalArgumentException when there is no application profile {@code arn}
   */
  public void setTags(String arn, Map<String, String> tags) {
    state.replaceTags(arn, tags);
  }

  /** Errors armed for the next calls. */
  public ControlPlaneFaults faults() {
    return faults;
  }

  /**
   * Calls received for an operation, e.g. {@code CreateInferenceProfile}, including those refused
   * and those answered with an injected fault.
   */
  public int callCount(String operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  /** Calls received so far, by operation name. */
  public Map<String, Integer> callCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    calls.forEach((operation, count) -> counts.put(operation, count.get()));
    return counts;
  }

  /** Forgets every application profile, call count and armed fault. */
  public void reset() {
    state.clear();
    calls.clear();
    faults.clear();
  }

  /** Stops the server. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Bedrock control-plane simulator did not stop cleanly", e);
    }
  }
}
