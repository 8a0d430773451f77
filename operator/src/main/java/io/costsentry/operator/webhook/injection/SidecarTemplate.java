package io.costsentry.operator.webhook.injection;

import java.net.URI;
import java.util.Objects;

/**
 * The operator-wide part of every injected sidecar: image, resources, ports and the AWS settings it
 * shares with the operator (region, ledger table). Pods add only their {@link WorkloadIdentity}.
 *
 * @param cpuLimit {@code null} for none (the default: a throttled proxy adds latency to every call)
 * @param region {@code null} to let the sidecar take AWS_REGION from the pod (EKS sets it with IRSA
 *     and Pod Identity)
 * @param dynamoDbEndpoint {@code null} for the regional endpoint
 * @param bedrockEndpoint {@code null} for the regional Bedrock Runtime endpoint
 */
public record SidecarTemplate(
    String image,
    String imagePullPolicy,
    String cpuRequest,
    String memoryRequest,
    String cpuLimit,
    String memoryLimit,
    int port,
    int adminPort,
    String region,
    String dynamoDbTable,
    URI dynamoDbEndpoint,
    URI bedrockEndpoint) {

  public static final String DEFAULT_IMAGE = "ghcr.io/costsentry/costsentry-sidecar:0.1.0";
  public static final int DEFAULT_PORT = 8787;
  public static final int DEFAULT_ADMIN_PORT = 9797;

  public SidecarTemplate {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(dynamoDbTable, "dynamoDbTable");
    imagePullPolicy = blankToNull(imagePullPolicy) == null ? "IfNotPresent" : imagePullPolicy;
    cpuRequest = blankToNull(cpuRequest);
    memoryRequest = blankToNull(memoryRequest);
    cpuLimit = blankToNull(cpuLimit);
    memoryLimit = blankToNull(memoryLimit);
    region = blankToNull(region);
    if (!java.util.List.of("Always", "IfNotPresent", "Never").contains(imagePullPolicy)) {
      throw new IllegalArgumentException(
          "sidecar image pull policy must be Always, IfNotPresent or Never, got "
              + imagePullPolicy);
    }
    if (port == adminPort) {
      throw new IllegalArgumentException("sidecar port and admin port must differ, both " + port);
    }
  }

  /** The image and sizes the chart ships with; AWS settings from the operator. */
  public static SidecarTemplate defaults(String region, String table, URI dynamoDbEndpoint) {
    return new SidecarTemplate(
        DEFAULT_IMAGE,
        "IfNotPresent",
        "100m",
        "192Mi",
        null,
        "256Mi",
        DEFAULT_PORT,
        DEFAULT_ADMIN_PORT,
        region,
        table,
        dynamoDbEndpoint,
        null);
  }

  /** What apps get as {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}. */
  public String endpointUrl() {
    return "http://127.0.0.1:" + port;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
