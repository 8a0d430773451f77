package io.costsentry.simulator.costexplorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.awsjson.AwsJsonError;
import java.util.List;
import java.util.Set;

/** {@code ListCostAllocationTags} and {@code UpdateCostAllocationTagsStatus} (aws-wire.md §6). */
final class TagOperations {
  /**
   * The per-entry error code for an unknown tag key. The real code string is not documented
   * (aws-wire.md §9): this one is the simulator's choice; clients should not match on it.
   */
  static final String TAG_KEY_NOT_FOUND = "TagKeysNotFoundException";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STATUSES =
      Set.of(CostAllocationTags.ACTIVE, CostAllocationTags.INACTIVE);

  private final CostAllocationTags tags;

  TagOperations(CostAllocationTags tags) {
    this.tags = tags;
  }

  JsonNode list(JsonNode input) {
    String status = text(input.get("Status"));
    if (status != null && !STATUSES.contains(status)) {
      throw AwsJsonError.validation("Invalid Status: " + status + ".").refuse();
    }
    String type = text(input.get("Type"));
    if (type != null && !Set.of("AWSGenerated", "UserDefined").contains(type)) {
      throw AwsJsonError.validation("Invalid Type: " + type + ".").refuse();
    }
    List<String> keys = CostFilter.strings(input.get("TagKeys"));
    if (input.has("TagKeys") && (keys.isEmpty() || keys.size() > 100)) {
      throw AwsJsonError.validation("TagKeys must have 1 to 100 members.").refuse();
    }
    int max = input.has("MaxResults") ? input.get("MaxResults").asInt() : 100;
    if (max < 1 || max > 1000) {
      throw AwsJsonError.validation("MaxResults must be between 1 and 1000.").refuse();
    }
    List<CostAllocationTags.Tag> matching =
        tags.all().stream()
            .filter(t -> status == null || t.status().equals(status))
            .filter(t -> type == null || t.type().equals(type))
            .filter(t -> keys.isEmpty() || keys.contains(t.key()))
            .toList();
    int from = 0;
    String token = text(input.get("NextToken"));
    if (token != null) {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw new AwsJsonError(400, "InvalidNextTokenException", "The pagination token is invalid.")
            .refuse();
      }
    }
    int to = Math.min(matching.size(), from + max);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("CostAllocationTags");
    for (CostAllocationTags.Tag tag : matching.subList(Math.min(from, to), to)) {
      ObjectNode node =
          list.addObject()
              .put("TagKey", tag.key())
              .put("Type", tag.type())
              .put("Status", tag.status());
      if (tag.lastUpdated() != null) {
        node.put("LastUpdatedDate", tag.lastUpdated().toString());
      }
      if (tag.lastUsed() != null) {
        node.put("LastUsedDate", tag.lastUsed() + "T00:00:00Z");
      }
    }
    if (to < matching.size()) {
      out.put("NextToken", Integer.toString(to));
    }
    return out;
  }

  JsonNode update(JsonNode input) {
    JsonNode entries = input.get("CostAllocationTagsStatus");
    if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > 20) {
      throw AwsJsonError.validation("CostAllocationTagsStatus must have 1 to 20 members.").refuse();
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode errors = out.putArray("Errors");
    for (JsonNode entry : entries) {
      String key = text(entry.get("TagKey"));
      String status = text(entry.get("Status"));
      if (key == null || status == null || !STATUSES.contains(status)) {
        throw AwsJsonError.validation(
                "Each CostAllocationTagsStatus entry needs a TagKey and a Status of Active or"
                    + " Inactive.")
            .refuse();
      }
      if (!tags.exists(key)) {
        errors
            .addObject()
            .put("TagKey", key)
            .put("Code", TAG_KEY_NOT_FOUND)
            .put("Message", "Tag key " + key + " was not found in this account's billing data.");
        continue;
      }
      tags.setStatus(key, status);
    }
    return out;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
