package io.costsentry.operator.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory Bedrock control plane for pure tests: profiles by name, with tags, and a log of the
 * calls made ({@code ensure <name> <knownArn>}, {@code find <name>}, {@code delete <arn>}).
 */
public final class FakeInferenceProfiles implements InferenceProfiles {
  private final Map<String, ProfileState> byName = new ConcurrentHashMap<>();
  private final List<String> calls = new ArrayList<>();
  private int nextId;

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized void clearCalls() {
    calls.clear();
  }

  /** Someone deletes the profile by hand. */
  public void deleteByHand(String name) {
    byName.remove(name);
  }

  @Override
  public ResolvedModel resolveModel(String modelId) {
    return new ResolvedModel(
        modelId, "arn:aws:bedrock:us-east-1::foundation-model/" + modelId, "x");
  }

  @Override
  public synchronized ProfileState ensure(
      String name, String modelSourceArn, Map<String, String> tags, String knownArn) {
    calls.add("ensure " + name + " " + knownArn);
    ProfileState existing = byName.get(name);
    if (existing == null) {
      String arn =
          "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/p" + nextId++;
      ProfileState created = new ProfileState(name, arn, tags, ProfileState.Change.CREATED);
      byName.put(name, created);
      return created;
    }
    Map<String, String> merged = new TreeMap<>(existing.tags());
    merged.putAll(tags);
    ProfileState now = new ProfileState(name, existing.arn(), merged, ProfileState.Change.NONE);
    byName.put(name, now);
    return now;
  }

  @Override
  public synchronized Optional<ProfileState> find(String name) {
    calls.add("find " + name);
    return Optional.ofNullable(byName.get(name));
  }

  @Override
  public synchronized void delete(String arn) {
    calls.add("delete " + arn);
    byName.values().removeIf(p -> p.arn().equals(arn));
  }
}
