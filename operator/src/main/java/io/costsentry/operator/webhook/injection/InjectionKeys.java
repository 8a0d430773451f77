package io.costsentry.operator.webhook.injection;

/** The annotations and labels of sidecar injection: the user-facing API of the webhook. */
public final class InjectionKeys {
  /** Pod annotation: {@code "true"} asks for the sidecar, {@code "false"} opts out. */
  public static final String INJECT = "costsentry.io/inject";

  /** Namespace label value of {@link #INJECT} that injects every pod of the namespace. */
  public static final String NAMESPACE_ENABLED = "enabled";

  /** Namespace label value of {@link #INJECT} that never injects, whatever the pods ask. */
  public static final String NAMESPACE_DISABLED = "disabled";

  /** Pod (or namespace) annotation: the cost center every request of the pod is charged to. */
  public static final String COST_CENTER = "costsentry.io/cost-center";

  /** Pod (or namespace) annotation: the applicationId tag. */
  public static final String APPLICATION_ID = "costsentry.io/application-id";

  /** Pod (or namespace) annotation: the environment tag (optional). */
  public static final String ENVIRONMENT = "costsentry.io/environment";

  /** Set on injected pods: a hash of the sidecar as injected, to find pods running an old one. */
  public static final String CONFIG_HASH = "costsentry.io/sidecar-config-hash";

  /** Label set on injected pods, so a PodMonitor can find the sidecars. */
  public static final String SIDECAR_LABEL = "costsentry.io/sidecar";

  public static final String SIDECAR_LABEL_VALUE = "injected";

  /** The injected init container (native sidecar). */
  public static final String CONTAINER_NAME = "costsentry-sidecar";

  /** Where apps' AWS SDKs send Bedrock Runtime calls (the SDKs' service-specific endpoint). */
  public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_BEDROCK_RUNTIME";

  private InjectionKeys() {}
}
