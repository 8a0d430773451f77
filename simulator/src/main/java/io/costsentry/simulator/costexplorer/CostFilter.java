package io.costsentry.simulator.costexplorer;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.simulator.awsjson.AwsJsonError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles a Cost Explorer {@code Expression} (And / Or / Not / Dimensions / Tags) into a predicate
 * on billed lines. Tag values count only while the tag key is an active cost allocation tag, as in
 * Cost Explorer: before activation every line looks untagged.
 */
final class CostFilter {
  private static final Set<String> MEMBERS =
      Set.of("And", "Or", "Not", "Dimensions", "Tags", "CostCategories");

  private CostFilter() {}

  /** Every line when {@code expression} is absent. */
  static Predicate<BilledLineItem> compile(JsonNode expression, CostAllocationTags tags) {
    if (expression == null || expression.isNull()) {
      return item -> true;
    }
    return compile(expression, tags, "Filter");
  }

  private static Predicate<BilledLineItem> compile(
      JsonNode expression, CostAllocationTags tags, String where) {
    List<String> present = new ArrayList<>();
    expression.fieldNames().forEachRemaining(present::add);
    present.removeIf(name -> !MEMBERS.contains(name) || expression.get(name).isNull());
    if (present.size() != 1) {
      throw AwsJsonError.validation(
              "Expression "
                  + where
                  + " must have exactly one of And, Or, Not, Dimensions, Tags,"
                  + " CostCategories; it has "
                  + present
                  + ".")
          .refuse();
    }
    String kind = present.getFirst();
    JsonNode body = expression.get(kind);
    return switch (kind) {
      case "And", "Or" -> {
        if (!body.isArray() || body.size() < 2) {
          throw AwsJsonError.validation(where + "." + kind + " needs at least two expressions.")
              .refuse();
        }
        List<Predicate<BilledLineItem>> parts = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
          parts.add(compile(body.get(i), tags, where + "." + kind + "[" + i + "]"));
        }
        yield kind.equals("And")
            ? item -> parts.stream().allMatch(p -> p.test(item))
            : item -> parts.stream().anyMatch(p -> p.test(item));
      }
      case "Not" -> compile(body, tags, where + ".Not").negate();
      case "Dimensions" -> dimension(body, where + ".Dimensions");
      case "Tags" -> tag(body, tags, where + ".Tags");
      default ->
          throw AwsJsonError.validation("Cost categories are not supported by the simulator.")
              .refuse();
    };
  }

  private static Predicate<BilledLineItem> dimension(JsonNode node, String where) {
    String key = required(node, "Key", where);
    Function<BilledLineItem, String> value = Dimensions.of(key);
    List<String> values = strings(node.get("Values"));
    Set<String> options = Set.copyOf(strings(node.get("MatchOptions")));
    if (!Set.of("EQUALS", "CASE_SENSITIVE").containsAll(options)) {
      throw AwsJsonError.validation(
              "MatchOptions "
                  + options
                  + " are not supported for Dimensions; only EQUALS and"
                  + " CASE_SENSITIVE are.")
          .refuse();
    }
    return item -> values.contains(value.apply(item));
  }

  private static Predicate<BilledLineItem> tag(
      JsonNode node, CostAllocationTags tags, String where) {
    String key = required(node, "Key", where);
    List<String> values = strings(node.get("Values"));
    Set<String> options = Set.copyOf(strings(node.get("MatchOptions")));
    boolean insensitive = options.contains("CASE_INSENSITIVE");
    Function<BilledLineItem, String> valueOf =
        item -> tags.isActive(key) ? item.tags().get(key) : null;
    if (options.contains("ABSENT")) {
      return item -> valueOf.apply(item) == null;
    }
    return item -> {
      String actual = valueOf.apply(item);
      if (actual == null) {
        // "Values": [""] selects the untagged lines
        return values.contains("");
      }
      String a = insensitive ? actual.toLowerCase(Locale.ROOT) : actual;
      for (String wanted : values) {
        String w = insensitive ? wanted.toLowerCase(Locale.ROOT) : wanted;
        boolean hit =
            options.contains("STARTS_WITH")
                ? a.startsWith(w)
                : options.contains("ENDS_WITH")
                    ? a.endsWith(w)
                    : options.contains("CONTAINS") ? a.contains(w) : a.equals(w);
        if (hit) {
          return true;
        }
      }
      return false;
    };
  }

  private static String required(JsonNode node, String member, String where) {
    JsonNode value = node.get(member);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw AwsJsonError.validation(where + "." + member + " is required.").refuse();
    }
    return value.asText();
  }

  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(v -> out.add(v.asText()));
    }
    return out;
  }
}
