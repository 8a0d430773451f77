package io.costsentry.simulator.bedrock.controlplane;

import io.costsentry.simulator.bedrock.wire.BedrockError;
import io.costsentry.simulator.bedrock.wire.BedrockException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The input constraints of the Bedrock control-plane model (aws-wire.md §4), refused with the
 * Coral-style {@code ValidationException} messages AWS services use ("1 validation error detected:
 * Value ... at 'member' failed to satisfy constraint: ...").
 */
final class Validation {
  static final Pattern PROFILE_NAME = Pattern.compile("([0-9a-zA-Z][ _-]?)+");
  static final Pattern DESCRIPTION = Pattern.compile("([0-9a-zA-Z:.][ _-]?)+");
  static final Pattern COPY_FROM =
      Pattern.compile(
          "arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:(|[0-9a-z-]{0,20}):(|[0-9]{12}):"
              + "(inference-profile|foundation-model)/[a-zA-Z0-9-:.]+");
  static final Pattern PROFILE_IDENTIFIER =
      Pattern.compile(
          "(arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:(|[0-9a-z-]{0,20}):(|[0-9]{12}):"
              + "(inference-profile|application-inference-profile)/)?[a-zA-Z0-9-:.]+");

  /** Simplified: the model's pattern also admits custom-model ARNs, which are not simulated. */
  static final Pattern MODEL_IDENTIFIER = Pattern.compile("[a-zA-Z0-9-:./_]+");

  static final Pattern RESOURCE_ARN =
      Pattern.compile(
          "arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:[a-z-]+/[a-zA-Z0-9-:./]+");
  static final Pattern TAG = Pattern.compile("[a-zA-Z0-9\\s._:/=+@-]*");
  static final int MAX_TAGS_PER_REQUEST = 200;
  static final int MAX_TAGS_PER_RESOURCE = 50;

  private Validation() {}

  static void require(Object value, String member) {
    if (value == null) {
      throw error(
          "Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }
  }

  static void pattern(String value, Pattern pattern, int min, int max, String member) {
    require(value, member);
    if (value.length() < min || value.length() > max) {
      throw error(
          "Value '"
              + value
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have length between "
              + min
              + " and "
              + max);
    }
    if (!pattern.matcher(value).matches()) {
      throw error(
          "Value '"
              + value
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
              + pattern.pattern());
    }
  }

  static void tags(Map<String, String> tags, String member) {
    if (tags.size() > MAX_TAGS_PER_REQUEST) {
      throw error(
          "Value at '"
              + member
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_TAGS_PER_REQUEST);
    }
    tags.forEach(
        (key, value) -> {
          pattern(key, TAG, 1, 128, member + ".member.key");
          pattern(value, TAG, 0, 256, member + ".member.value");
          if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
            throw BedrockError.validation("Tag keys starting with 'aws:' are reserved.")
                .toException();
          }
        });
  }

  static BedrockException error(String detail) {
    return BedrockError.validation("1 validation error detected: " + detail).toException();
  }

  static BedrockException notFound(String message) {
    return BedrockError.of(404, "ResourceNotFoundException", message).toException();
  }
}
