package io.costsentry.operator.status;

import io.costsentry.crds.v1alpha1.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the conditions of a status: one entry per type, {@code lastTransitionTime} kept while a
 * condition's status does not change, every condition stamped with the generation it describes.
 */
public final class Conditions {
  private Conditions() {}

  /** A condition without a transition time yet: {@link #merge} sets it. */
  public static Condition of(String type, boolean status, String reason, String message) {
    Condition c = new Condition();
    c.setType(type);
    c.setStatus(status ? Condition.TRUE : Condition.FALSE);
    c.setReason(reason);
    c.setMessage(message);
    return c;
  }

  /**
   * The desired conditions, in their order, each with the transition time of the previous condition
   * of the same type when the status is unchanged, else {@code now}.
   */
  public static List<Condition> merge(
      List<Condition> previous, List<Condition> desired, long generation, Instant now) {
    String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    List<Condition> result = new ArrayList<>(desired.size());
    for (Condition d : desired) {
      Condition c = copy(d);
      c.setObservedGeneration(generation);
      Optional<Condition> before = find(previous, d.getType());
      c.setLastTransitionTime(
          before
              .filter(b -> Objects.equals(b.getStatus(), d.getStatus()))
              .map(Condition::getLastTransitionTime)
              .filter(t -> t != null && !t.isBlank())
              .orElse(stamp));
      result.add(c);
    }
    return result;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether the condition of {@code type} is present and {@code True}. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> Condition.TRUE.equals(c.getStatus())).orElse(false);
  }

  private static Condition copy(Condition d) {
    Condition c = new Condition();
    c.setType(d.getType());
    c.setStatus(d.getStatus());
    c.setReason(d.getReason());
    c.setMessage(d.getMessage());
    c.setLastTransitionTime(d.getLastTransitionTime());
    c.setObservedGeneration(d.getObservedGeneration());
    return c;
  }
}
