package io.costsentry.operator.bedrock;

import java.util.Map;
import java.util.Optional;

/**
 * The Bedrock control plane as the operator needs it: application inference profiles and model
 * validation. Every call is idempotent. Implementations throw {@link TransientAwsException} for
 * throttling, timeouts and 5xx (the reconciler retries with backoff) and {@link
 * PermanentAwsException} for what retrying cannot fix (bad model id, access denied).
 */
public interface InferenceProfiles {

  /**
   * Resolves a ModelAlias's {@code modelId} (foundation model id, system inference profile id, or
   * ARN) to the ARN a profile can copy from, checking it exists.
   */
  ResolvedModel resolveModel(String modelId);

  /**
   * Makes sure an application inference profile named {@code name} exists, copying {@code
   * modelSourceArn}, carrying at least {@code tags}: created if absent, adopted if one with that
   * name exists, re-tagged when its tags drifted.
   *
   * @param knownArn the profile's ARN when the caller knows it (from a budget's status), checked
   *     directly; {@code null}, or an ARN that is gone or names another profile, means the profile
   *     is looked for by name
   */
  ProfileState ensure(
      String name, String modelSourceArn, Map<String, String> tags, String knownArn);

  /** As {@link #ensure(String, String, Map, String)} without a known ARN: found by name. */
  default ProfileState ensure(String name, String modelSourceArn, Map<String, String> tags) {
    return ensure(name, modelSourceArn, tags, null);
  }

  /** The profile named {@code name}, if it exists. */
  Optional<ProfileState> find(String name);

  /** Deletes the profile; a profile already gone is success. */
  void delete(String arn);
}
