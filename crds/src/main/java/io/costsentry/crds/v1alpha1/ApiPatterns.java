package io.costsentry.crds.v1alpha1;

/**
 * Regular expressions shared by several fields. Each is valid in Go's RE2 (the API server) and in
 * {@link java.util.regex} (the standalone sidecar).
 */
public final class ApiPatterns {
  /** An RFC 1123 label, as Kubernetes names a port or a container: limit names. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** An RFC 1123 subdomain, as Kubernetes names most objects: ModelAlias names. */
  public static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /**
   * An AWS tag value (letters, digits, spaces and {@code _.:/=+-@}), since cost center, application
   * and environment become cost allocation tags.
   */
  public static final String AWS_TAG_VALUE = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$";

  /**
   * A Bedrock model reference: a foundation model id ({@code
   * anthropic.claude-3-5-haiku-20241022-v1:0}), a system inference profile id ({@code
   * us.anthropic.claude-3-5-haiku-20241022-v1:0}) or a Bedrock ARN (foundation model, inference
   * profile, application inference profile, provisioned, custom or imported model).
   */
  public static final String BEDROCK_MODEL =
      "^(arn:aws(-[a-z]+)*:bedrock:[a-z0-9-]+:([0-9]{12})?:[a-z-]+/[A-Za-z0-9._:/-]+"
          + "|[a-z0-9-]+(\\.[A-Za-z0-9_:-]+)+)$";

  /** An IANA time zone name such as {@code UTC}, {@code Europe/Paris} or {@code Etc/GMT+5}. */
  public static final String IANA_TIME_ZONE = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

  /** A plausible e-mail address; AWS Budgets has the last word. */
  public static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

  /** An Amazon SNS topic ARN. */
  public static final String SNS_TOPIC_ARN =
      "^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$";

  /** A Kubernetes condition reason: CamelCase. */
  public static final String CONDITION_REASON = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

  private ApiPatterns() {}
}
