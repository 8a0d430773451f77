package io.costsentry.simulator.bedrock.controlplane;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An application inference profile as the simulator holds it, for test assertions.
 *
 * @param id the 12 lower-case alphanumerics at the end of the ARN
 * @param modelSource the {@code copyFrom} ARN it was created from
 * @param description {@code null} when none was given
 * @param tags its tags now, in key order
 */
public record ApplicationProfile(
    String name,
    String id,
    String arn,
    String modelSource,
    String description,
    Map<String, String> tags,
    Instant createdAt,
    Instant updatedAt) {

  public ApplicationProfile {
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  ApplicationProfile withTags(Map<String, String> newTags, Instant now) {
    return new ApplicationProfile(name, id, arn, modelSource, description, newTags, createdAt, now);
  }
}
