package io.costsentry.sidecar.config;

/** Where request metrics go; several may be combined. */
public enum MetricsOutput {
  /** CloudWatch Embedded Metric Format lines on stdout (Container Insights, Fluent Bit). */
  EMF,
  /** PutMetricData calls to CloudWatch. */
  CLOUDWATCH,
  /** The Prometheus endpoint on the admin port. */
  PROMETHEUS,
  NONE
}
