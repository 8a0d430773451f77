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
   */
  ProfileState ensure(String name, String modelSourceArn, Map<String, String> tags);

  /** The profile named {@code name}, if it exists. */
  Optional<ProfileState> find(String name);

  /** Deletes the profile; a profile already gone is success. */
  void delete(String arn);
}
