package io.costsentry.crds.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The bounds the API server's static cost estimate of a rule needs: no API server runs here to
 * estimate the cost of each rule when the CRD is applied (and refuse the CRD past 10 million per
 * rule, "estimated rule cost exceeds budget"), so this checks what makes that estimate explode.
 *
 * <p>The estimator takes the size of a string, list or map a rule reads from its schema: maxLength
 * (times 4, for bytes), maxItems, maxProperties; without one, as large as the largest request (3
 * MiB). A rule calling a function on such a string (matches, startsWith, ==...) or iterating such a
 * list or map is estimated at millions and refused. So: every string a rule passes to a function
 * must have a maxLength or an enum, and every list or map it iterates must have maxItems or
 * maxProperties. Map keys are exempt: the estimator counts them as empty strings.
 *
 * <p>This is a lint, not the estimate: a rule can pass it and still exceed the budget (deeply
 * nested iterations), which only an API server (or envtest) tells.
 */
final class CelCostLimits {
  /** A step from a node to its part: a property, {@code @items}, {@code @values}, {@code @keys}. */
  private static final String ITEMS = "@items";

  private static final String VALUES = "@values";
  private static final String KEYS = "@keys";

  private final JsonNode self;
  private final String location;
  private final Deque<Map.Entry<String, List<String>>> variables = new ArrayDeque<>();
  private final List<String> problems = new ArrayList<>();

  private CelCostLimits(JsonNode self, String location) {
    this.self = self;
    this.location = location;
  }

  /** What is unbounded in the inputs of the rule {@code ast} declared on {@code self}. */
  static List<String> unbounded(JsonNode self, CelAbstractSyntaxTree ast, String location) {
    CelCostLimits lint = new CelCostLimits(self, location);
    lint.visit(ast.getExpr());
    return lint.problems;
  }

  private void visit(CelExpr e) {
    switch (e.getKind()) {
      case SELECT -> visit(e.select().operand());
      case CALL -> {
        e.call().target().ifPresent(t -> checkOperand(t, e.call().function()));
        e.call().args().forEach(a -> checkOperand(a, e.call().function()));
        e.call().target().ifPresent(this::visit);
        e.call().args().forEach(this::visit);
      }
      case LIST -> e.list().elements().forEach(this::visit);
      case MAP ->
          e.map()
              .entries()
              .forEach(
                  en -> {
                    visit(en.key());
                    visit(en.value());
                  });
      case COMPREHENSION -> {
        CelExpr.CelComprehension c = e.comprehension();
        visit(c.iterRange());
        List<String> range = path(c.iterRange());
        if (range != null) {
          JsonNode node = schemaAt(range);
          if (node != null && isList(node) && !node.has("maxItems")) {
            problems.add(where(range) + ": a rule iterates this list, which has no maxItems");
          }
          if (node != null && isMap(node) && !node.has("maxProperties")) {
            problems.add(where(range) + ": a rule iterates this map, which has no maxProperties");
          }
        }
        List<String> element =
            range == null ? null : append(range, isList(schemaAt(range)) ? ITEMS : KEYS);
        variables.push(Map.entry(c.iterVar(), element == null ? List.of("?") : element));
        visit(c.accuInit());
        visit(c.loopCondition());
        visit(c.loopStep());
        visit(c.result());
        variables.pop();
      }
      default -> {}
    }
  }

  /** A string read from the object and given to a function must be bounded. */
  private void checkOperand(CelExpr operand, String function) {
    List<String> path = path(operand);
    if (path == null || path.contains("?") || (!path.isEmpty() && path.getLast().equals(KEYS))) {
      return;
    }
    JsonNode node = schemaAt(path);
    if (node != null
        && node.path("type").asText().equals("string")
        && !node.has("maxLength")
        && !node.has("enum")) {
      problems.add(where(path) + ": " + function + " reads this string, which has no maxLength");
    }
  }

  /** The path of an expression from self, as cel-go's cost estimator follows it; null if none. */
  private List<String> path(CelExpr e) {
    switch (e.getKind()) {
      case IDENT -> {
        String name = e.ident().name();
        if (name.equals("self")) {
          return List.of();
        }
        for (Map.Entry<String, List<String>> v : variables) {
          if (v.getKey().equals(name)) {
            return v.getValue();
          }
        }
        return null;
      }
      case SELECT -> {
        if (e.select().testOnly()) {
          return null;
        }
        List<String> operand = path(e.select().operand());
        return operand == null ? null : append(operand, e.select().field());
      }
      case CALL -> {
        if (e.call().function().equals("_[_]")) {
          List<String> container = path(e.call().args().get(0));
          if (container == null) {
            return null;
          }
          return append(container, isList(schemaAt(container)) ? ITEMS : VALUES);
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private JsonNode schemaAt(List<String> path) {
    JsonNode node = self;
    for (String step : path) {
      if (node == null) {
        return null;
      }
      node =
          switch (step) {
            case ITEMS -> node.get("items");
            case VALUES -> node.get("additionalProperties");
            case KEYS -> null;
            default -> node.path("properties").get(step);
          };
    }
    return node;
  }

  private static boolean isList(JsonNode node) {
    return node != null && node.path("type").asText().equals("array");
  }

  private static boolean isMap(JsonNode node) {
    return node != null && node.path("additionalProperties").isObject();
  }

  private String where(List<String> path) {
    return location + " self" + (path.isEmpty() ? "" : "." + String.join(".", path));
  }

  private static List<String> append(List<String> path, String step) {
    List<String> out = new ArrayList<>(path);
    out.add(step);
    return List.copyOf(out);
  }
}
