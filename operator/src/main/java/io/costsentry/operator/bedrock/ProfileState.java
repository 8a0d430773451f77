package io.costsentry.operator.bedrock;

import java.util.Map;

/**
 * An application inference profile as Bedrock has it.
 *
 * @param change what {@link InferenceProfiles#ensure} had to do
 */
public record ProfileState(String name, String arn, Map<String, String> tags, Change change) {
  public enum Change {
    NONE,
    CREATED,
    ADOPTED,
    RETAGGED
  }

  public ProfileState {
    tags = Map.copyOf(tags);
  }
}
