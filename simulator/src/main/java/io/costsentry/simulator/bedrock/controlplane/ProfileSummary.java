package io.costsentry.simulator.bedrock.controlplane;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GetInferenceProfile} and {@code ListInferenceProfiles} return for one profile
 * (Bedrock's {@code InferenceProfileSummary}), system-defined or application.
 *
 * @param description {@code null} when the profile has none
 * @param models foundation model ARNs the profile routes to
 * @param type {@code SYSTEM_DEFINED} or {@code APPLICATION}
 */
record ProfileSummary(
    String name,
    String description,
    Instant createdAt,
    Instant updatedAt,
    String arn,
    List<String> models,
    String id,
    String type) {
  static final String SYSTEM_DEFINED = "SYSTEM_DEFINED";
  static final String APPLICATION = "APPLICATION";

  ProfileSummary {
    models = List.copyOf(models);
  }
}
