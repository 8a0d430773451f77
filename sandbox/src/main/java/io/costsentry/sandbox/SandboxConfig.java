package io.costsentry.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code costsentry local} runs with (flags of {@link LocalMain}).
 *
 * @param proxyPort the sidecar's proxy port, where apps send Bedrock calls; 0 picks a free one
 * @param adminPort the sidecar's /metrics and health port; 0 picks a free one
 * @param apiPort the embedded Kubernetes API's port; 0 picks a free one
 * @param kubeconfigOut where the kubeconfig of the embedded API is written; {@code null} for none
 * @param ledger where budgets are counted
 * @param examples apply the bundled {@code examples/cost-centers} at start
 */
public record SandboxConfig(
    int proxyPort,
    int adminPort,
    int apiPort,
    Path kubeconfigOut,
    String costCenter,
    String applicationId,
    String environment,
    LedgerChoice ledger,
    boolean examples) {

  /** The sidecar's identity by default: the example app of {@code examples/apps}. */
  public static final String DEFAULT_COST_CENTER = "support";

  public static final String DEFAULT_APPLICATION_ID = "ticket-summarizer";
  public static final String DEFAULT_ENVIRONMENT = "dev";

  /** {@code memory}: just a JDK; {@code dynamodb}: dynalite (Node.js), as the tests run it. */
  public enum LedgerChoice {
    MEMORY,
    DYNAMODB
  }

  public SandboxConfig {
    Objects.requireNonNull(costCenter, "cost center");
    Objects.requireNonNull(ledger, "ledger");
    for (int port : new int[] {proxyPort, adminPort, apiPort}) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("ports must be 0 to 65535, got " + port);
      }
    }
  }

  /** Free ports everywhere, in-memory ledger, examples applied: what tests start. */
  public static SandboxConfig forTests() {
    return new SandboxConfig(
        0,
        0,
        0,
        null,
        DEFAULT_COST_CENTER,
        DEFAULT_APPLICATION_ID,
        DEFAULT_ENVIRONMENT,
        LedgerChoice.MEMORY,
        true);
  }
}
