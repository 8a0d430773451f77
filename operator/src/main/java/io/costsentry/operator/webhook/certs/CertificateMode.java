package io.costsentry.operator.webhook.certs;

/** Who provides the webhook's serving certificate. */
public enum CertificateMode {
  /**
   * The operator issues it, renews it and patches the CA bundle into the webhook configurations.
   */
  SELF_SIGNED,
  /** Someone else (cert-manager) writes the Secret and the CA bundle; the operator only reads. */
  EXTERNAL
}
