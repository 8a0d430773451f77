package io.costsentry.crds.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The CEL type of {@code self} at a schema node and the CEL value of a manifest's node, as
 * apiextensions-apiserver declares and converts them ({@code SchemaDeclType}, {@code
 * UnstructuredToVal}): objects with properties are structs whose fields are the escaped property
 * names (an unknown field is a compile error), objects with additionalProperties are {@code
 * map(string, V)}, arrays lists, integer {@code int}, number {@code double} (25 is 25.0),
 * int-or-string {@code dyn}. The root of a resource also has apiVersion, kind, metadata.name and
 * metadata.generateName.
 *
 * <p>String formats (date-time, duration, byte...) are mapped to other CEL types by the API server;
 * they are not implemented here and fail loudly, so a schema that starts using one is not checked
 * wrongly.
 */
final class CelTypes {
  /** CEL reserved words that apiextensions escapes as {@code __word__}. */
  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  private static final java.util.regex.Pattern EXPAND =
      java.util.regex.Pattern.compile("(__|[-./]|[^a-zA-Z0-9-./_])");

  private CelTypes() {}

  /**
   * The declared type of a schema node; struct types are named after {@code name} and collected in
   * {@code structs} for the type provider.
   */
  static CelType declType(
      JsonNode schema, String name, boolean resourceRoot, Map<String, CelType> structs) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return SimpleType.DYN;
    }
    String type = schema.path("type").asText("");
    return switch (type) {
      case "object" -> objectType(schema, name, resourceRoot, structs);
      case "array" ->
          schema.has("items")
              ? ListType.create(declType(schema.get("items"), name + ".@items", false, structs))
              : ListType.create(SimpleType.DYN);
      case "string" -> {
        if (schema.has("format")) {
          throw new UnsupportedOperationException(
              "string format " + schema.get("format") + " is not mapped to its CEL type here");
        }
        yield SimpleType.STRING;
      }
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      default -> SimpleType.DYN;
    };
  }

  private static CelType objectType(
      JsonNode schema, String name, boolean resourceRoot, Map<String, CelType> structs) {
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      return MapType.create(
          SimpleType.STRING, declType(additional, name + ".@values", false, structs));
    }
    Map<String, CelType> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : properties(schema, resourceRoot).entrySet()) {
      boolean embedded =
          property.getValue().path("x-kubernetes-embedded-resource").asBoolean(false);
      escape(property.getKey())
          .ifPresent(
              field ->
                  fields.put(
                      field, declType(property.getValue(), name + "." + field, embedded, structs)));
    }
    StructType struct =
        StructType.create(
            name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(fields.get(f)));
    structs.put(name, struct);
    return struct;
  }

  /** The properties of an object schema; a resource's root also has its type and metadata. */
  private static Map<String, JsonNode> properties(JsonNode schema, boolean resourceRoot) {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    schema.path("properties").properties().forEach(e -> properties.put(e.getKey(), e.getValue()));
    if (resourceRoot) {
      JsonNodeFactory json = JsonNodeFactory.instance;
      ObjectNode string = json.objectNode().put("type", "string");
      ObjectNode metadata = json.objectNode().put("type", "object");
      metadata.putObject("properties").set("name", string);
      ((ObjectNode) metadata.get("properties")).set("generateName", string);
      properties.put("apiVersion", string);
      properties.put("kind", string);
      properties.put("metadata", metadata);
    }
    return properties;
  }

  /** The CEL value of a (decoded, valid) manifest node. */
  static Object value(JsonNode schema, JsonNode value, boolean resourceRoot) {
    if (value == null || value.isNull()) {
      return dev.cel.common.values.NullValue.NULL_VALUE;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return value.isTextual() ? value.asText() : value.longValue();
    }
    switch (schema.path("type").asText("")) {
      case "object" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
          value
              .properties()
              .forEach(e -> out.put(e.getKey(), value(additional, e.getValue(), false)));
          return out;
        }
        Map<String, JsonNode> properties = properties(schema, resourceRoot);
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          JsonNode fieldSchema = properties.get(field.getKey());
          Optional<String> escaped = escape(field.getKey());
          if (fieldSchema != null && escaped.isPresent()) {
            boolean embedded = fieldSchema.path("x-kubernetes-embedded-resource").asBoolean(false);
            Object converted = value(fieldSchema, field.getValue(), embedded);
            if (resourceRoot && field.getKey().equals("metadata")) {
              converted = nameOnly(field.getValue());
            }
            out.put(escaped.get(), converted);
          }
        }
        return out;
      }
      case "array" -> {
        List<Object> out = new ArrayList<>();
        JsonNode items = schema.path("items");
        value.forEach(item -> out.add(value(items, item, false)));
        return out;
      }
      case "integer" -> {
        return value.longValue();
      }
      case "number" -> {
        return value.doubleValue();
      }
      case "boolean" -> {
        return value.booleanValue();
      }
      default -> {
        return value.isTextual() ? value.asText() : value.toString();
      }
    }
  }

  /** metadata as CEL sees it at a resource's root: name and generateName only. */
  private static Map<String, Object> nameOnly(JsonNode metadata) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String field : new String[] {"name", "generateName"}) {
      if (metadata.path(field).isTextual()) {
        out.put(field, metadata.get(field).asText());
      }
    }
    return out;
  }

  /**
   * apiextensions' {@code Escape}: reserved words become {@code __word__}; {@code __ . - /} become
   * {@code __underscores__ __dot__ __dash__ __slash__}; a name with another character, or starting
   * with a digit, is not accessible from CEL.
   */
  static Optional<String> escape(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return Optional.empty();
    }
    if (RESERVED.contains(name)) {
      return Optional.of("__" + name + "__");
    }
    StringBuilder out = new StringBuilder();
    Matcher m = EXPAND.matcher(name);
    while (m.find()) {
      String replacement =
          switch (m.group()) {
            case "__" -> "__underscores__";
            case "." -> "__dot__";
            case "-" -> "__dash__";
            case "/" -> "__slash__";
            default -> null;
          };
      if (replacement == null) {
        return Optional.empty();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return Optional.of(out.toString());
  }
}
