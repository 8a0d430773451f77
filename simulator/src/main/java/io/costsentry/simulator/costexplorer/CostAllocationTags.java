package io.costsentry.simulator.costexplorer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The account's cost allocation tags: a user-defined tag key is known once it appears on a billed
 * line (or is registered), starts {@code Inactive}, and only while {@code Active} does Cost
 * Explorer show its values in groups and filters.
 */
final class CostAllocationTags {
  static final String USER_DEFINED = "UserDefined";
  static final String ACTIVE = "Active";
  static final String INACTIVE = "Inactive";

  /** One tag key as ListCostAllocationTags reports it. */
  record Tag(String key, String type, String status, Instant lastUpdated, LocalDate lastUsed) {}

  private final Clock clock;
  private final Map<String, Tag> tags = new TreeMap<>();

  CostAllocationTags(Clock clock) {
    this.clock = clock;
  }

  synchronized void seen(String key, LocalDate day) {
    Tag tag = tags.get(key);
    if (tag == null) {
      tags.put(key, new Tag(key, USER_DEFINED, INACTIVE, null, day));
    } else if (tag.lastUsed() == null || tag.lastUsed().isBefore(day)) {
      tags.put(key, new Tag(key, tag.type(), tag.status(), tag.lastUpdated(), day));
    }
  }

  synchronized void register(String key, String status) {
    Tag tag = tags.get(key);
    tags.put(key, new Tag(key, USER_DEFINED, status, now(), tag == null ? null : tag.lastUsed()));
  }

  synchronized boolean exists(String key) {
    return tags.containsKey(key);
  }

  synchronized boolean isActive(String key) {
    Tag tag = tags.get(key);
    return tag != null && ACTIVE.equals(tag.status());
  }

  /** Sets the status; the same status again changes nothing (not even the update time). */
  synchronized void setStatus(String key, String status) {
    Tag tag = tags.get(key);
    if (tag != null && !tag.status().equals(status)) {
      tags.put(key, new Tag(key, tag.type(), status, now(), tag.lastUsed()));
    }
  }

  synchronized List<Tag> all() {
    return new ArrayList<>(tags.values());
  }

  synchronized void clear() {
    tags.clear();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
