package io.costsentry.simulator.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * CloudWatch dashboards: {@code PutDashboard} (create or replace), {@code GetDashboard}, {@code
 * ListDashboards}, {@code DeleteDashboards} (all or nothing: one unknown name deletes none). The
 * body must be a JSON object with a {@code widgets} array whose widgets have a known {@code type};
 * metric widgets need {@code properties.metrics} (arrays) and {@code properties.region}, as
 * CloudWatch's validation demands. Errors are the modelled {@code DashboardInvalidInputError}
 * (query code {@code InvalidParameterInput}) and {@code DashboardNotFoundError} ({@code
 * ResourceNotFound}).
 */
final class Dashboards {
  static final Set<String> OPERATIONS =
      Set.of("PutDashboard", "GetDashboard", "ListDashboards", "DeleteDashboards");
  static final String ACCOUNT_ID = "123456789012";
  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Set<String> WIDGET_TYPES =
      Set.of("metric", "text", "log", "alarm", "explorer", "custom");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> bodies = new TreeMap<>();
  private final AtomicInteger putCalls = new AtomicInteger();

  synchronized JsonNode call(String operation, JsonNode input) {
    return switch (operation) {
      case "PutDashboard" -> put(input);
      case "GetDashboard" -> get(input);
      case "ListDashboards" -> list(input);
      case "DeleteDashboards" -> delete(input);
      default -> throw new IllegalArgumentException(operation);
    };
  }

  synchronized Map<String, String> bodies() {
    return Map.copyOf(bodies);
  }

  int putCalls() {
    return putCalls.get();
  }

  synchronized void clear() {
    bodies.clear();
    putCalls.set(0);
  }

  private JsonNode put(JsonNode input) {
    putCalls.incrementAndGet();
    String name = name(input.path("DashboardName"));
    JsonNode body = input.get("DashboardBody");
    if (body == null || !body.isTextual()) {
      throw CloudWatchError.missingParameter("The parameter DashboardBody is required.")
          .toException();
    }
    String text = body.asText();
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      throw invalid("The dashboard body is larger than 1 MB.");
    }
    validate(text);
    bodies.put(name, text);
    ObjectNode out = JSON.createObjectNode();
    out.putArray("DashboardValidationMessages");
    return out;
  }

  private JsonNode get(JsonNode input) {
    String name = name(input.path("DashboardName"));
    String body = bodies.get(name);
    if (body == null) {
      throw notFound("Dashboard " + name + " does not exist");
    }
    return JSON.createObjectNode()
        .put("DashboardArn", arn(name))
        .put("DashboardBody", body)
        .put("DashboardName", name);
  }

  private JsonNode list(JsonNode input) {
    String prefix = input.path("DashboardNamePrefix").asText("");
    ObjectNode out = JSON.createObjectNode();
    ArrayNode entries = out.putArray("DashboardEntries");
    bodies.forEach(
        (name, body) -> {
          if (name.startsWith(prefix)) {
            entries
                .addObject()
                .put("DashboardName", name)
                .put("DashboardArn", arn(name))
                .put("Size", body.getBytes(StandardCharsets.UTF_8).length);
          }
        });
    return out;
  }

  private JsonNode delete(JsonNode input) {
    JsonNode names = input.get("DashboardNames");
    if (names == null || !names.isArray() || names.isEmpty()) {
      throw CloudWatchError.missingParameter("The parameter DashboardNames is required.")
          .toException();
    }
    List<String> list = new ArrayList<>();
    for (JsonNode name : names) {
      String n = name.asText();
      if (!bodies.containsKey(n)) {
        throw notFound("Dashboard " + n + " does not exist");
      }
      list.add(n);
    }
    list.forEach(bodies::remove);
    return JSON.createObjectNode();
  }

  private static String name(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      throw CloudWatchError.missingParameter("The parameter DashboardName is required.")
          .toException();
    }
    String name = node.asText();
    if (!NAME.matcher(name).matches()) {
      throw invalid(
          "The value " + name + " for DashboardName is invalid: use A-Z, a-z, 0-9, - and _.");
    }
    return name;
  }

  private static void validate(String text) {
    JsonNode body;
    try {
      body = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid("The dashboard body is not valid JSON.");
    }
    if (body == null || !body.isObject()) {
      throw invalid("The dashboard body must be a JSON object.");
    }
    JsonNode widgets = body.get("widgets");
    if (widgets == null || !widgets.isArray()) {
      throw invalid("The dashboard body should have required property 'widgets'.");
    }
    for (int i = 0; i < widgets.size(); i++) {
      JsonNode widget = widgets.get(i);
      String where = "/widgets/" + i;
      String type = widget.path("type").asText(null);
      if (type == null || !WIDGET_TYPES.contains(type)) {
        throw invalid(where + "/type should be one of " + WIDGET_TYPES + ".");
      }
      if (type.equals("metric")) {
        JsonNode properties = widget.path("properties");
        if (!properties.path("region").isTextual()) {
          throw invalid(where + "/properties should have required property 'region'.");
        }
        JsonNode metrics = properties.get("metrics");
        if (metrics != null) {
          for (JsonNode metric : metrics) {
            if (!metric.isArray()) {
              throw invalid(where + "/properties/metrics should be an array of arrays.");
            }
          }
        } else if (!properties.has("query")) {
          throw invalid(where + "/properties should have required property 'metrics'.");
        }
      }
    }
  }

  private static String arn(String name) {
    return "arn:aws:cloudwatch::" + ACCOUNT_ID + ":dashboard/" + name;
  }

  private static CloudWatchError.RequestRefused invalid(String message) {
    return CloudWatchError.of(400, "DashboardInvalidInputError", message).toException();
  }

  private static CloudWatchError.RequestRefused notFound(String message) {
    return CloudWatchError.of(404, "DashboardNotFoundError", message).toException();
  }
}
