package io.costsentry.simulator.bedrock.controlplane;

import io.costsentry.simulator.bedrock.controlplane.FoundationModels.FoundationModel;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The application inference profiles, their tags and the idempotency tokens that created them. One
 * lock: every operation is a short in-memory step. Profiles are indexed by ARN, name, id and
 * creation order, so that a lookup or a list page costs what it returns, not the number of profiles
 * (the operator bench lists pages while holding tens of thousands of profiles).
 */
final class ControlPlaneState {
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int ID_LENGTH = 12;

  private final String region;
  private final String account;
  private final FoundationModels catalog;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** By ARN, in creation order. */
  private final Map<String, ApplicationProfile> profiles = new LinkedHashMap<>();

  /** ARN → its position in creation order, the ListInferenceProfiles sort key. */
  private final Map<String, Long> sequence = new HashMap<>();

  /** Position in creation order → ARN: ListInferenceProfiles pages from a token. */
  private final NavigableMap<Long, String> bySequence = new TreeMap<>();

  /** Name → ARN (names are unique). */
  private final Map<String, String> byName = new HashMap<>();

  /** Id → ARN. */
  private final Map<String, String> byId = new HashMap<>();

  /** clientRequestToken → ARN of the profile it created, while that profile exists. */
  private final Map<String, String> tokens = new HashMap<>();

  private long nextSequence;

  ControlPlaneState(String region, String account, FoundationModels catalog, Clock clock) {
    this.region = region;
    this.account = account;
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * CreateInferenceProfile after the request passed validation: a repeated {@code token} with the
   * same name and source returns the profile it created.
   */
  synchronized ApplicationProfile create(
      String name, String description, String token, String copyFrom, Map<String, String> tags) {
    if (token != null && tokens.containsKey(token)) {
      ApplicationProfile earlier = profiles.get(tokens.get(token));
      if (earlier.name().equals(name) && earlier.modelSource().equals(copyFrom)) {
        return earlier;
      }
      throw BedrockError.of(
              400,
              "ConflictException",
              "The client request token " + token + " was already used for a different request.")
          .toException();
    }
    if (byName.containsKey(name)) {
      throw BedrockError.of(
              400,
              "ConflictException",
              "An inference profile with the name " + name + " already exists.")
          .toException();
    }
    modelsOf(copyFrom); // refuses unknown sources
    if (tags.size() > Validation.MAX_TAGS_PER_RESOURCE) {
      throw tooManyTags(name);
    }
    String id = newId();
    String arn =
        "arn:aws:bedrock:" + region + ":" + account + ":application-inference-profile/" + id;
    Instant now = now();
    ApplicationProfile profile =
        new ApplicationProfile(name, id, arn, copyFrom, description, sorted(tags), now, now);
    profiles.put(arn, profile);
    sequence.put(arn, nextSequence);
    bySequence.put(nextSequence++, arn);
    byName.put(name, arn);
    byId.put(id, arn);
    if (token != null) {
      tokens.put(token, arn);
    }
    return profile;
  }

  /** A system-defined or application profile by id or ARN. */
  synchronized Optional<ProfileSummary> get(String identifier) {
    Optional<ApplicationProfile> application = application(identifier);
    if (application.isPresent()) {
      return Optional.of(summary(application.get()));
    }
    return catalog.systemProfile(identifier);
  }

  /**
   * One page of ListInferenceProfiles: the profiles of a type whose sort key (ids for system
   * profiles, creation order for application profiles) is at least {@code fromKey}, at most {@code
   * maxResults} of them, and the key the next page starts at ({@code null} on the last page). Only
   * the returned profiles' summaries are built.
   *
   * @param fromKey {@code null}: from the first profile
   */
  synchronized Page page(String type, String fromKey, int maxResults) {
    List<ProfileSummary> items = new ArrayList<>();
    if (ProfileSummary.SYSTEM_DEFINED.equals(type)) {
      List<ProfileSummary> system = new ArrayList<>(catalog.systemProfiles());
      system.sort(Comparator.comparing(ProfileSummary::id));
      for (ProfileSummary p : system) {
        if (fromKey != null && p.id().compareTo(fromKey) < 0) {
          continue;
        }
        if (items.size() == maxResults) {
          return new Page(items, p.id());
        }
        items.add(p);
      }
      return new Page(items, null);
    }
    long from = fromKey == null ? 0 : sequenceKey(fromKey);
    for (Map.Entry<Long, String> e : bySequence.tailMap(from, true).entrySet()) {
      if (items.size() == maxResults) {
        return new Page(items, applicationKey(e.getKey()));
      }
      items.add(summary(profiles.get(e.getValue())));
    }
    return new Page(items, null);
  }

  /**
   * A page of summaries and where the next one starts.
   *
   * @param nextKey {@code null} on the last page
   */
  record Page(List<ProfileSummary> items, String nextKey) {}

  /** The sort key of the application profile created {@code sequence}-th, as tokens carry it. */
  private static String applicationKey(long sequence) {
    return String.format("%016d", sequence);
  }

  private static long sequenceKey(String key) {
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      return 0; // tokens are validated by the handler; a foreign key starts from the beginning
    }
  }

  /** DeleteInferenceProfile: application profiles only. */
  synchronized void delete(String identifier) {
    ApplicationProfile profile =
        application(identifier)
            .orElseThrow(
                () -> {
                  if (catalog.systemProfile(identifier).isPresent()) {
                    return BedrockError.validation(
                            "System-defined inference profiles cannot be deleted.")
                        .toException();
                  }
                  return profileNotFound(identifier);
                });
    profiles.remove(profile.arn());
    bySequence.remove(sequence.remove(profile.arn()));
    byName.remove(profile.name());
    byId.remove(profile.id());
    tokens.values().removeIf(profile.arn()::equals);
  }

  synchronized Map<String, String> tags(String arn) {
    return taggable(arn).tags();
  }

  synchronized void tag(String arn, Map<String, String> tags) {
    ApplicationProfile profile = taggable(arn);
    Map<String, String> merged = new TreeMap<>(profile.tags());
    merged.putAll(tags);
    if (merged.size() > Validation.MAX_TAGS_PER_RESOURCE) {
      throw tooManyTags(arn);
    }
    profiles.put(arn, profile.withTags(merged, now()));
  }

  synchronized void untag(String arn, Collection<String> keys) {
    ApplicationProfile profile = taggable(arn);
    Map<String, String> remaining = new TreeMap<>(profile.tags());
    keys.forEach(remaining::remove);
    profiles.put(arn, profile.withTags(remaining, now()));
  }

  /** Test hook: replaces all tags, as someone editing them outside the operator would. */
  synchronized void replaceTags(String arn, Map<String, String> tags) {
    ApplicationProfile profile = profiles.get(arn);
    if (profile == null) {
      throw new IllegalArgumentException("no application inference profile " + arn);
    }
    profiles.put(arn, profile.withTags(sorted(tags), now()));
  }

  synchronized Map<String, ApplicationProfile> snapshot() {
    Map<String, ApplicationProfile> byName = new LinkedHashMap<>();
    profiles.values().forEach(p -> byName.put(p.name(), p));
    return byName;
  }

  synchronized void clear() {
    profiles.clear();
    sequence.clear();
    bySequence.clear();
    byName.clear();
    byId.clear();
    tokens.clear();
  }

  /** The foundation-model ARNs a profile copying {@code copyFrom} routes to. */
  private List<String> modelsOf(String copyFrom) {
    if (copyFrom.contains(":foundation-model/")) {
      FoundationModel model =
          catalog
              .model(copyFrom)
              .orElseThrow(
                  () -> Validation.notFound("The model " + copyFrom + " could not be found."));
      return List.of(catalog.arn(model));
    }
    return catalog
        .systemProfile(copyFrom)
        .filter(p -> p.arn().equals(copyFrom))
        .orElseThrow(
            () -> Validation.notFound("The inference profile " + copyFrom + " could not be found."))
        .models();
  }

  private ProfileSummary summary(ApplicationProfile p) {
    return new ProfileSummary(
        p.name(),
        p.description(),
        p.createdAt(),
        p.updatedAt(),
        p.arn(),
        modelsOf(p.modelSource()),
        p.id(),
        ProfileSummary.APPLICATION);
  }

  private Optional<ApplicationProfile> application(String identifier) {
    ApplicationProfile byArn = profiles.get(identifier);
    if (byArn != null) {
      return Optional.of(byArn);
    }
    return Optional.ofNullable(byId.get(identifier)).map(profiles::get);
  }

  private ApplicationProfile taggable(String arn) {
    ApplicationProfile profile = profiles.get(arn);
    if (profile == null) {
      throw Validation.notFound("The resource " + arn + " could not be found.");
    }
    return profile;
  }

  static io.costsentry.simulator.bedrock.wire.BedrockException profileNotFound(String identifier) {
    return Validation.notFound("The inference profile " + identifier + " could not be found.");
  }

  private static io.costsentry.simulator.bedrock.wire.BedrockException tooManyTags(String name) {
    return BedrockError.of(
            400,
            "TooManyTagsException",
            "The resource "
                + name
                + " would have more than "
                + Validation.MAX_TAGS_PER_RESOURCE
                + " tags.")
        .toException();
  }

  private String newId() {
    while (true) {
      StringBuilder id = new StringBuilder(ID_LENGTH);
      for (int i = 0; i < ID_LENGTH; i++) {
        id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
      }
      String candidate = id.toString();
      if (!byId.containsKey(candidate)) {
        return candidate;
      }
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Map<String, String> sorted(Map<String, String> tags) {
    return new TreeMap<>(Objects.requireNonNull(tags, "tags"));
  }
}
