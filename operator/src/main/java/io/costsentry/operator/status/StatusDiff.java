package io.costsentry.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;

/**
 * Compares status objects by their JSON form (the API types have no {@code equals}), so a status is
 * written only when what the API server would store changes.
 */
public final class StatusDiff {
  private StatusDiff() {}

  public static boolean same(Object before, Object after) {
    return Objects.equals(tree(before), tree(after));
  }

  private static JsonNode tree(Object status) {
    return status == null ? null : Serialization.jsonMapper().valueToTree(status);
  }
}
