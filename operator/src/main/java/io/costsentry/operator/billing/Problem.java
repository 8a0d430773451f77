package io.costsentry.operator.billing;

import io.costsentry.operator.bedrock.PermanentAwsException;

/**
 * Why an optional billing feature does not work right now: a condition reason (UpperCamelCase) and
 * a message that names the call and what to do.
 */
public record Problem(String reason, String message) {
  static Problem of(String prefix, RuntimeException e) {
    String kind = e instanceof PermanentAwsException p ? p.reason() : "Unavailable";
    return new Problem(prefix + kind, e.getMessage());
  }
}
