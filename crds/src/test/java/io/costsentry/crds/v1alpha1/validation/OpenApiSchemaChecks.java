package io.costsentry.crds.v1alpha1.validation;

import static io.costsentry.crds.v1alpha1.validation.GoText.jsonType;
import static io.costsentry.crds.v1alpha1.validation.GoText.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import io.costsentry.crds.v1alpha1.validation.FieldError.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server does with a custom resource before its CEL rules, for one {@code
 * openAPIV3Schema}: unknown fields (strict decoding or pruning), nulls and defaults, then
 * kube-openapi's checks (types, required, enum, pattern, bounds, sizes) and the {@code
 * x-kubernetes-list-type} invariants, with the API server's error types and wording.
 *
 * <p>Patterns are RE2 (com.google.re2j, as Go's regexp) and unanchored, as kube-openapi matches
 * them. String lengths count code points (Go runes).
 */
final class OpenApiSchemaChecks {
  /** Fields of a resource's root the API server validates as ObjectMeta, outside the schema. */
  private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final JsonNode root;
  private final Map<String, Pattern> patterns = new HashMap<>();

  OpenApiSchemaChecks(JsonNode openApiV3Schema) {
    this.root = openApiV3Schema;
  }

  // --- decoding ---

  /**
   * Fields the schema does not declare: with {@code prune} they are dropped, as the API server does
   * by default; otherwise they are returned, as strict field validation (kubectl's default) refuses
   * them: {@code strict decoding error: unknown field "spec.foo"}.
   */
  List<FieldError> unknownFields(ObjectNode resource, boolean prune) {
    List<FieldError> errors = new ArrayList<>();
    unknown(root, resource, "", prune, errors);
    return errors;
  }

  private static void unknown(
      JsonNode schema, JsonNode value, String path, boolean prune, List<FieldError> errors) {
    if (value.isObject()) {
      if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
          && !schema.has("properties")) {
        return;
      }
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (path.isEmpty() && RESOURCE_FIELDS.contains(field.getKey())) {
          continue;
        }
        JsonNode fieldSchema = schema.path("properties").get(field.getKey());
        if (fieldSchema == null && additional != null && additional.isObject()) {
          fieldSchema = additional;
        }
        String fieldPath = join(path, field.getKey());
        if (fieldSchema != null) {
          unknown(fieldSchema, field.getValue(), fieldPath, prune, errors);
        } else if (additional != null && additional.asBoolean(false)) {
          continue; // additionalProperties: true keeps anything
        } else if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
          continue;
        } else if (prune) {
          it.remove();
        } else {
          errors.add(
              new FieldError(
                  Type.UNKNOWN_FIELD,
                  fieldPath,
                  "strict decoding error: unknown field \"" + fieldPath + "\""));
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        unknown(schema.get("items"), value.get(i), path + "[" + i + "]", prune, errors);
      }
    }
  }

  /**
   * Nulls and defaults, in place: a null of a non-nullable field takes the field's default or is
   * dropped; an absent field with a default gets a copy of it (defaults apply inside defaults).
   */
  void applyDefaults(ObjectNode resource) {
    defaults(root, resource);
  }

  private static void defaults(JsonNode schema, JsonNode value) {
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      JsonNode properties = schema.path("properties");
      object
          .properties()
          .removeIf(
              e ->
                  e.getValue().isNull()
                      && !properties.path(e.getKey()).path("nullable").asBoolean(false)
                      && !properties.path(e.getKey()).has("default"));
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        JsonNode current = object.get(property.getKey());
        JsonNode defaultValue = property.getValue().get("default");
        if (defaultValue != null && (current == null || current.isNull())) {
          object.set(property.getKey(), defaultValue.deepCopy());
        }
      }
      JsonNode additional = schema.get("additionalProperties");
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode fieldSchema = properties.get(field.getKey());
        if (fieldSchema == null && additional != null && additional.isObject()) {
          fieldSchema = additional;
        }
        if (fieldSchema != null) {
          defaults(fieldSchema, field.getValue());
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      value.forEach(item -> defaults(schema.get("items"), item));
    }
  }

  // --- kube-openapi ---

  /** kube-openapi's errors for the resource, after decoding. */
  List<FieldError> validate(ObjectNode resource) {
    List<FieldError> errors = new ArrayList<>();
    check(root, resource, "", errors);
    return errors;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        errors.add(typeInvalid(path, value, schema.path("type").asText()));
      }
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isTextual() && !value.isIntegralNumber()) {
        errors.add(typeInvalid(path, value, "integer or string"));
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          errors.add(typeInvalid(path, value, type));
          return;
        }
        checkObject(schema, (ObjectNode) value, path, errors);
      }
      case "array" -> {
        if (!value.isArray()) {
          errors.add(typeInvalid(path, value, type));
          return;
        }
        checkArray(schema, (ArrayNode) value, path, errors);
      }
      case "string" -> {
        if (!value.isTextual()) {
          errors.add(typeInvalid(path, value, type));
          return;
        }
        checkEnum(schema, value, path, errors);
        checkString(schema, value.asText(), value, path, errors);
      }
      case "integer", "number" -> {
        if (!value.isNumber() || (type.equals("integer") && !value.isIntegralNumber())) {
          errors.add(typeInvalid(path, value, type));
          return;
        }
        checkEnum(schema, value, path, errors);
        checkNumber(schema, value, path, errors);
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(typeInvalid(path, value, type));
          return;
        }
        checkEnum(schema, value, path, errors);
      }
      default -> checkEnum(schema, value, path, errors);
    }
  }

  private void checkObject(JsonNode schema, ObjectNode object, String path, List<FieldError> out) {
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        out.add(new FieldError(Type.REQUIRED, join(path, required.asText()), "Required value"));
      }
    }
    int count = object.size();
    if (path.isEmpty()) {
      count -= (int) RESOURCE_FIELDS.stream().filter(object::has).count();
    }
    JsonNode max = schema.get("maxProperties");
    if (max != null && count > max.asLong()) {
      out.add(tooMany(path, count, max.asLong()));
    }
    JsonNode min = schema.get("minProperties");
    if (min != null && count < min.asLong()) {
      out.add(
          invalid(
              path, count, path + " in body should have at least " + min.asLong() + " properties"));
    }
    JsonNode additional = schema.get("additionalProperties");
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (path.isEmpty() && RESOURCE_FIELDS.contains(field.getKey())) {
        continue;
      }
      JsonNode fieldSchema = schema.path("properties").get(field.getKey());
      if (fieldSchema == null && additional != null && additional.isObject()) {
        fieldSchema = additional;
      }
      if (fieldSchema != null) {
        check(fieldSchema, field.getValue(), join(path, field.getKey()), out);
      }
    }
  }

  private void checkArray(JsonNode schema, ArrayNode array, String path, List<FieldError> out) {
    JsonNode max = schema.get("maxItems");
    if (max != null && array.size() > max.asLong()) {
      out.add(tooMany(path, array.size(), max.asLong()));
    }
    JsonNode min = schema.get("minItems");
    if (min != null && array.size() < min.asLong()) {
      out.add(
          invalid(
              path,
              array.size(),
              path + " in body should have at least " + min.asLong() + " items"));
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < array.size(); i++) {
        check(items, array.get(i), path + "[" + i + "]", out);
      }
    }
    checkListType(schema, array, path, out);
  }

  /** x-kubernetes-list-type: set elements and map keys must be unique (structurallisttype). */
  private static void checkListType(
      JsonNode schema, ArrayNode array, String path, List<FieldError> out) {
    String listType = schema.path("x-kubernetes-list-type").asText("atomic");
    if (listType.equals("atomic")) {
      return;
    }
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode key = array.get(i);
      if (listType.equals("map")) {
        ObjectNode keys = JsonNodeFactory.instance.objectNode();
        for (JsonNode name : schema.path("x-kubernetes-list-map-keys")) {
          keys.set(name.asText(), array.get(i).get(name.asText()));
        }
        key = keys;
      }
      if (!seen.add(key)) {
        out.add(
            new FieldError(
                Type.DUPLICATE, path + "[" + i + "]", "Duplicate value: " + GoText.value(key)));
      }
    }
  }

  private void checkString(
      JsonNode schema, String text, JsonNode value, String path, List<FieldError> out) {
    int length = text.codePointCount(0, text.length());
    JsonNode maxLength = schema.get("maxLength");
    if (maxLength != null && length > maxLength.asLong()) {
      out.add(
          new FieldError(
              Type.TOO_LONG, path, "Too long: may not be longer than " + maxLength.asLong()));
    }
    JsonNode minLength = schema.get("minLength");
    if (minLength != null && length < minLength.asLong()) {
      out.add(
          invalid(
              path,
              value,
              path + " in body should be at least " + minLength.asLong() + " chars long"));
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && !compiled(pattern.asText()).matcher(text).find()) {
      out.add(invalid(path, value, path + " in body should match '" + pattern.asText() + "'"));
    }
  }

  private static void checkNumber(
      JsonNode schema, JsonNode value, String path, List<FieldError> out) {
    BigDecimal n = value.decimalValue();
    JsonNode minimum = schema.get("minimum");
    if (minimum != null) {
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      int cmp = n.compareTo(minimum.decimalValue());
      if (exclusive ? cmp <= 0 : cmp < 0) {
        out.add(
            invalid(
                path,
                value,
                path
                    + " in body should be greater than "
                    + (exclusive ? "" : "or equal to ")
                    + number(minimum.decimalValue())));
      }
    }
    JsonNode maximum = schema.get("maximum");
    if (maximum != null) {
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      int cmp = n.compareTo(maximum.decimalValue());
      if (exclusive ? cmp >= 0 : cmp > 0) {
        out.add(
            invalid(
                path,
                value,
                path
                    + " in body should be less than "
                    + (exclusive ? "" : "or equal to ")
                    + number(maximum.decimalValue())));
      }
    }
    JsonNode multipleOf = schema.get("multipleOf");
    if (multipleOf != null
        && n.remainder(multipleOf.decimalValue()).compareTo(BigDecimal.ZERO) != 0) {
      out.add(
          invalid(
              path,
              value,
              path + " in body should be a multiple of " + number(multipleOf.decimalValue())));
    }
  }

  private static void checkEnum(
      JsonNode schema, JsonNode value, String path, List<FieldError> out) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null) {
      return;
    }
    List<String> supported = new ArrayList<>();
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)
          || (candidate.isNumber()
              && value.isNumber()
              && candidate.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return;
      }
      supported.add(
          candidate.isTextual() ? GoText.quote(candidate.asText()) : candidate.toString());
    }
    out.add(
        new FieldError(
            Type.NOT_SUPPORTED,
            path,
            "Unsupported value: "
                + GoText.value(value)
                + ": supported values: "
                + String.join(", ", supported)));
  }

  private Pattern compiled(String regex) {
    return patterns.computeIfAbsent(regex, Pattern::compile);
  }

  private static FieldError typeInvalid(String path, JsonNode value, String type) {
    String actual = jsonType(value);
    return new FieldError(
        Type.TYPE_INVALID,
        path,
        "Invalid value: \""
            + actual
            + "\": "
            + path
            + " in body must be of type "
            + type
            + ": \""
            + actual
            + "\"");
  }

  private static FieldError tooMany(String path, long count, long max) {
    return new FieldError(
        Type.TOO_MANY, path, "Too many: " + count + ": must have at most " + max + " items");
  }

  private static FieldError invalid(String path, Object value, String detail) {
    String shown = value instanceof JsonNode node ? GoText.value(node) : String.valueOf(value);
    return new FieldError(Type.INVALID, path, "Invalid value: " + shown + ": " + detail);
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
