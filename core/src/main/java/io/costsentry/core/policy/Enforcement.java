package io.costsentry.core.policy;

/**
 * {@code Enforce} denies requests that would cross a limit; {@code Monitor} only counts and alerts.
 */
public enum Enforcement {
  ENFORCE,
  MONITOR
}
