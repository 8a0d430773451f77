package io.costsentry.simulator.bedrock;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of a {@link BedrockSimulator}. Start from {@link #defaults()} or {@link
 * #builder()}.
 *
 * @param host address to bind (default {@code 127.0.0.1}: loopback only)
 * @param port port to bind; {@code 0} picks a free one (default)
 * @param verifySignatures recompute and check SigV4 signatures (default {@code true}); when off,
 *     any request carrying an {@code Authorization} header is accepted
 * @param credentials access key id → secret key accepted for SigV4 (default {@link
 *     #DEFAULT_ACCESS_KEY_ID} → {@link #DEFAULT_SECRET_ACCESS_KEY})
 * @param bearerTokens tokens accepted in {@code Authorization: Bearer <token>} (default {@link
 *     #DEFAULT_BEARER_TOKEN})
 * @param tokenDelay pause before each streamed output token after the first (default zero)
 * @param firstTokenDelay pause before the first streamed output token (default zero)
 * @param outputLength how long responses are before {@code maxTokens} caps them (default: the
 *     {@code [[sim:output=N]]} directive, else 20 tokens)
 * @param applicationInferenceProfiles application-inference-profile ARNs → the family of the model
 *     they route to; decides the InvokeModel body format for those ARNs
 * @param acceptUnregisteredProfiles whether well-formed ARNs absent from {@code
 *     applicationInferenceProfiles} are accepted (as {@link ModelFamily#ANTHROPIC}); default {@code
 *     true}. Set {@code false} to make unknown ARNs fail as invalid model identifiers.
 */
public record SimulatorOptions(
    String host,
    int port,
    boolean verifySignatures,
    Map<String, String> credentials,
    Set<String> bearerTokens,
    Duration tokenDelay,
    Duration firstTokenDelay,
    OutputLengthPolicy outputLength,
    Map<String, ModelFamily> applicationInferenceProfiles,
    boolean acceptUnregisteredProfiles) {

  public static final String DEFAULT_ACCESS_KEY_ID = "AKIDSIMULATOR";
  public static final String DEFAULT_SECRET_ACCESS_KEY = "simulator-secret";
  public static final String DEFAULT_BEARER_TOKEN = "simulator-bearer-token";

  public SimulatorOptions {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    credentials = Map.copyOf(credentials);
    bearerTokens = Set.copyOf(bearerTokens);
    requireNonNegative(tokenDelay, "tokenDelay");
    requireNonNegative(firstTokenDelay, "firstTokenDelay");
    Objects.requireNonNull(outputLength, "outputLength");
    applicationInferenceProfiles = Map.copyOf(applicationInferenceProfiles);
  }

  /** All defaults: loopback, free port, signatures verified with the default key pair. */
  public static SimulatorOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with these options. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .host(host)
            .port(port)
            .verifySignatures(verifySignatures)
            .tokenDelay(tokenDelay)
            .firstTokenDelay(firstTokenDelay)
            .outputLength(outputLength)
            .acceptUnregisteredProfiles(acceptUnregisteredProfiles);
    builder.credentials.clear();
    builder.credentials.putAll(credentials);
    builder.bearerTokens.clear();
    builder.bearerTokens.addAll(bearerTokens);
    builder.applicationInferenceProfiles.putAll(applicationInferenceProfiles);
    return builder;
  }

  private static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }

  /** Mutable builder; every setter returns {@code this}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private boolean verifySignatures = true;
    private final Map<String, String> credentials =
        new LinkedHashMap<>(Map.of(DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY));
    private final Set<String> bearerTokens = new LinkedHashSet<>(Set.of(DEFAULT_BEARER_TOKEN));
    private Duration tokenDelay = Duration.ZERO;
    private Duration firstTokenDelay = Duration.ZERO;
    private OutputLengthPolicy outputLength = OutputLengthPolicy.DEFAULT;
    private final Map<String, ModelFamily> applicationInferenceProfiles = new LinkedHashMap<>();
    private boolean acceptUnregisteredProfiles = true;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder verifySignatures(boolean verifySignatures) {
      this.verifySignatures = verifySignatures;
      return this;
    }

    /** Replaces the accepted SigV4 key pairs with this one. */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      credentials.clear();
      return addCredentials(accessKeyId, secretAccessKey);
    }

    /** Accepts one more SigV4 key pair. */
    public Builder addCredentials(String accessKeyId, String secretAccessKey) {
      credentials.put(accessKeyId, secretAccessKey);
      return this;
    }

    /** Replaces the accepted bearer tokens with this one. */
    public Builder bearerToken(String token) {
      bearerTokens.clear();
      bearerTokens.add(token);
      return this;
    }

    public Builder tokenDelay(Duration tokenDelay) {
      this.tokenDelay = tokenDelay;
      return this;
    }

    public Builder firstTokenDelay(Duration firstTokenDelay) {
      this.firstTokenDelay = firstTokenDelay;
      return this;
    }

    public Builder outputLength(OutputLengthPolicy outputLength) {
      this.outputLength = outputLength;
      return this;
    }

    /** Registers an application inference profile ARN and the family of the model behind it. */
    public Builder applicationInferenceProfile(String arn, ModelFamily family) {
      applicationInferenceProfiles.put(arn, family);
      return this;
    }

    public Builder acceptUnregisteredProfiles(boolean acceptUnregisteredProfiles) {
      this.acceptUnregisteredProfiles = acceptUnregisteredProfiles;
      return this;
    }

    public SimulatorOptions build() {
      return new SimulatorOptions(
          host,
          port,
          verifySignatures,
          credentials,
          bearerTokens,
          tokenDelay,
          firstTokenDelay,
          outputLength,
          applicationInferenceProfiles,
          acceptUnregisteredProfiles);
    }
  }
}
