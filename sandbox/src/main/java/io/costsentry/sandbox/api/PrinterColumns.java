package io.costsentry.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side printing as the API server does it for custom resources: {@code kubectl get ccb} asks
 * for a {@code Table} and shows the CRD's printer columns (cost center, enforcement, used %). The
 * columns' JSONPaths are the simple kind CRDs use: fields, and one filter by equality.
 */
final class PrinterColumns {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FILTER =
      Pattern.compile("^(\\w+)\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)\\]$");

  private PrinterColumns() {}

  /** Whether an {@code Accept} header asks for a Table. */
  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /**
   * @param listOrObject the list (or single object) the store answered
   */
  static String table(CrdCatalog.Crd crd, JsonNode listOrObject) {
    return table(crd, listOrObject, Instant.now());
  }

  static String table(CrdCatalog.Crd crd, JsonNode listOrObject, Instant now) {
    ObjectNode table =
        JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table
        .putObject("metadata")
        .put("resourceVersion", listOrObject.path("metadata").path("resourceVersion").asText(""));
    ArrayNode columns = table.putArray("columnDefinitions");
    columns
        .addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("description", "Name of the resource")
        .put("priority", 0);
    for (CrdCatalog.PrinterColumn c : crd.printerColumns()) {
      columns
          .addObject()
          .put("name", c.name())
          .put("type", c.type())
          .put("format", "")
          .put("description", c.jsonPath())
          .put("priority", c.priority());
    }
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> items = new ArrayList<>();
    if (listOrObject.has("items")) {
      listOrObject.path("items").forEach(items::add);
    } else {
      items.add(listOrObject);
    }
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(item.path("metadata").path("name").asText());
      for (CrdCatalog.PrinterColumn c : crd.printerColumns()) {
        JsonNode value = evaluate(item, c.jsonPath());
        if (value == null || value.isMissingNode() || value.isNull()) {
          cells.addNull();
        } else if ("date".equals(c.type())) {
          cells.add(age(value.asText(), now));
        } else {
          cells.add(value);
        }
      }
      ObjectNode partial =
          row.putObject("object")
              .put("kind", "PartialObjectMetadata")
              .put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", item.path("metadata").deepCopy());
    }
    return table.toString();
  }

  /**
   * A date column as the API server prints it, the time since then as kubectl shows ages: {@code
   * 45s}, {@code 3m20s}, {@code 42m}, {@code 5h12m}, {@code 30h}, {@code 3d4h}, {@code 40d}.
   */
  static String age(String timestamp, Instant now) {
    Duration d;
    try {
      d = Duration.between(Instant.parse(timestamp), now);
    } catch (DateTimeParseException e) {
      return timestamp;
    }
    long s = Math.max(0, d.toSeconds());
    long m = s / 60;
    long h = m / 60;
    if (s < 120) {
      return s + "s";
    }
    if (m < 10) {
      return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
    }
    if (m < 180) {
      return m + "m";
    }
    if (h < 8) {
      return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
    }
    if (h < 48) {
      return h + "h";
    }
    if (h < 24 * 8) {
      return h % 24 == 0 ? (h / 24) + "d" : (h / 24) + "d" + (h % 24) + "h";
    }
    return (h / 24) + "d";
  }

  /** {@code .a.b}, {@code .a[?(@.k=="v")].b}; {@code null} when nothing is there. */
  static JsonNode evaluate(JsonNode root, String path) {
    JsonNode node = root;
    for (String segment : path.replaceFirst("^\\.", "").split("\\.(?![^\\[]*\\])")) {
      if (node == null) {
        return null;
      }
      Matcher filter = FILTER.matcher(segment);
      if (filter.matches()) {
        JsonNode match = null;
        for (JsonNode element : node.path(filter.group(1))) {
          if (filter.group(3).equals(element.path(filter.group(2)).asText())) {
            match = element;
            break;
          }
        }
        node = match;
      } else {
        node = node.get(segment);
      }
    }
    return node;
  }
}
