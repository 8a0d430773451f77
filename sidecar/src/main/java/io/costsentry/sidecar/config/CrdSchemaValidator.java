package io.costsentry.sidecar.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates a manifest against the {@code openAPIV3Schema} of its CRD, as the API server does on
 * {@code kubectl apply}: defaults first, then types, required fields, enums, patterns, bounds,
 * unknown fields (as with strict field validation) and the CEL rules (through {@link
 * CelRuleChecks}). Messages name the field and are worded like the API server's.
 *
 * <p>The schema is the CRD generated from the API types and shipped in the crds jar, so the
 * standalone sidecar and the cluster refuse the same manifests.
 */
final class CrdSchemaValidator {
  /** A problem at a field path. */
  record FieldError(String field, String detail) {}

  /** Fields of the root the API server handles itself, outside openAPIV3Schema. */
  private static final Set<String> OBJECT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final JsonNode rootSchema;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  /** A validator of {@code openAPIV3Schema}; fails if it has a CEL rule without a Java check. */
  CrdSchemaValidator(JsonNode rootSchema) {
    this.rootSchema = rootSchema;
    requireChecksForEveryRule(rootSchema);
  }

  /** The validator of {@code version} of the CRD in the classpath resource {@code crdResource}. */
  static CrdSchemaValidator fromClasspath(String crdResource, String version) {
    try (InputStream in = CrdSchemaValidator.class.getResourceAsStream(crdResource)) {
      if (in == null) {
        throw new IllegalStateException(crdResource + " is missing from the classpath");
      }
      JsonNode crd = new YAMLMapper().readTree(in);
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (version.equals(v.path("name").asText())) {
          return new CrdSchemaValidator(v.path("schema").path("openAPIV3Schema"));
        }
      }
      throw new IllegalStateException(crdResource + " has no version " + version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + crdResource, e);
    }
  }

  /**
   * Applies the schema's defaults to {@code resource} (in place) and returns what is wrong with it.
   * {@code status} is dropped, as the API server drops it when a resource is created.
   */
  List<FieldError> validate(ObjectNode resource) {
    resource.remove("status");
    List<FieldError> errors = new ArrayList<>();
    walkObject(rootSchema, resource, "", resource, errors);
    return errors;
  }

  // The walk and check methods return whether the value is structurally valid (types, required
  // fields, bounds...). A CEL rule is evaluated only on a structurally valid value, since its
  // expression assumes the schema's types; a failed rule below does not stop the rules above, as
  // the API server reports them all.

  private boolean walk(
      JsonNode schema, JsonNode value, String path, JsonNode resource, List<FieldError> errors) {
    String type = schema.path("type").asText("");
    boolean valid =
        switch (type) {
          case "object" -> {
            if (!value.isObject()) {
              errors.add(wrongType(path, value, type));
              yield false;
            }
            yield walkObject(schema, (ObjectNode) value, path, resource, errors);
          }
          case "array" -> walkArray(schema, value, path, resource, errors);
          case "string" -> checkString(schema, value, path, errors);
          case "integer", "number" -> checkNumber(schema, value, path, type, errors);
          case "boolean" -> {
            if (!value.isBoolean()) {
              errors.add(wrongType(path, value, type));
              yield false;
            }
            yield true;
          }
          default -> true; // no type: anything goes, as for the API server
        };
    if (valid && !type.equals("object")) { // walkObject checks its own rules
      checkRules(schema, value, path, resource, errors);
    }
    return valid;
  }

  private boolean walkObject(
      JsonNode schema, ObjectNode object, String path, JsonNode resource, List<FieldError> errors) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    // The API server drops nulls of non-nullable fields, then fills in defaults.
    object.properties().removeIf(e -> e.getValue().isNull());
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode defaultValue = property.getValue().get("default");
      if (defaultValue != null && !object.has(property.getKey())) {
        object.set(property.getKey(), defaultValue.deepCopy());
      }
    }
    boolean valid = true;
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        errors.add(new FieldError(join(path, required.asText()), "Required value"));
        valid = false;
      }
    }
    valid &= checkCount(schema, object.size(), "Properties", path, errors);
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      if (path.isEmpty() && OBJECT_FIELDS.contains(name)) {
        continue;
      }
      JsonNode fieldSchema = properties.get(name);
      if (fieldSchema == null && additional != null && additional.isObject()) {
        fieldSchema = additional;
      }
      if (fieldSchema != null) {
        valid &= walk(fieldSchema, field.getValue(), join(path, name), resource, errors);
      } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        errors.add(new FieldError(join(path, name), "field not declared in schema"));
        valid = false;
      }
    }
    if (valid) {
      checkRules(schema, object, path, resource, errors);
    }
    return valid;
  }

  private boolean walkArray(
      JsonNode schema, JsonNode value, String path, JsonNode resource, List<FieldError> errors) {
    if (!value.isArray()) {
      errors.add(wrongType(path, value, "array"));
      return false;
    }
    ArrayNode array = (ArrayNode) value;
    boolean valid = checkCount(schema, array.size(), "Items", path, errors);
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < array.size(); i++) {
        valid &= walk(items, array.get(i), path + "[" + i + "]", resource, errors);
      }
    }
    return valid;
  }

  private boolean checkString(
      JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    if (!value.isTextual()) {
      errors.add(wrongType(path, value, "string"));
      return false;
    }
    if (!checkEnum(schema, value, path, errors)) {
      return false;
    }
    int before = errors.size();
    String text = value.asText();
    int length = text.codePointCount(0, text.length());
    JsonNode maxLength = schema.get("maxLength");
    if (maxLength != null && length > maxLength.asLong()) {
      errors.add(new FieldError(path, "Too long: may not be longer than " + maxLength.asLong()));
    }
    JsonNode minLength = schema.get("minLength");
    if (minLength != null && length < minLength.asLong()) {
      errors.add(
          invalid(
              path,
              value,
              path + " in body should be at least " + minLength.asLong() + " chars long"));
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && !compiled(pattern.asText()).matcher(text).find()) {
      errors.add(invalid(path, value, path + " in body should match '" + pattern.asText() + "'"));
    }
    return errors.size() == before;
  }

  private boolean checkNumber(
      JsonNode schema, JsonNode value, String path, String type, List<FieldError> errors) {
    boolean integral =
        value.isIntegralNumber()
            || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
    if (!value.isNumber() || (type.equals("integer") && !integral)) {
      errors.add(wrongType(path, value, type));
      return false;
    }
    if (type.equals("integer") && !fitsInt64(value.decimalValue())) {
      errors.add(invalid(path, value, path + " in body must fit in a 64-bit integer"));
      return false;
    }
    if (!checkEnum(schema, value, path, errors)) {
      return false;
    }
    int before = errors.size();
    BigDecimal number = value.decimalValue();
    JsonNode minimum = schema.get("minimum");
    if (minimum != null) {
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      int cmp = number.compareTo(minimum.decimalValue());
      if (exclusive ? cmp <= 0 : cmp < 0) {
        errors.add(
            invalid(
                path,
                value,
                path
                    + " in body should be greater than "
                    + (exclusive ? "" : "or equal to ")
                    + plain(minimum.decimalValue())));
      }
    }
    JsonNode maximum = schema.get("maximum");
    if (maximum != null) {
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      int cmp = number.compareTo(maximum.decimalValue());
      if (exclusive ? cmp >= 0 : cmp > 0) {
        errors.add(
            invalid(
                path,
                value,
                path
                    + " in body should be less than "
                    + (exclusive ? "" : "or equal to ")
                    + plain(maximum.decimalValue())));
      }
    }
    return errors.size() == before;
  }

  /** False (and an error) when the schema has an enum that does not list the value. */
  private static boolean checkEnum(
      JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null) {
      return true;
    }
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    List<String> supported = new ArrayList<>();
    allowed.forEach(a -> supported.add(a.toString()));
    errors.add(
        new FieldError(
            path,
            "Unsupported value: " + value + ": supported values: " + String.join(", ", supported)));
    return false;
  }

  private static boolean checkCount(
      JsonNode schema, int count, String what, String path, List<FieldError> errors) {
    JsonNode max = schema.get("max" + what);
    if (max != null && count > max.asLong()) {
      errors.add(
          new FieldError(
              path, "Too many: " + count + ": must have at most " + max.asLong() + " items"));
      return false;
    }
    JsonNode min = schema.get("min" + what);
    if (min != null && count < min.asLong()) {
      errors.add(
          new FieldError(
              path,
              "Invalid value: "
                  + count
                  + ": "
                  + path
                  + " in body should have at least "
                  + min.asLong()
                  + (what.equals("Items") ? " items" : " properties")));
      return false;
    }
    return true;
  }

  private static void checkRules(
      JsonNode schema, JsonNode self, String path, JsonNode resource, List<FieldError> errors) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      if (!CelRuleChecks.forRule(rule.path("rule").asText()).holds(self, resource)) {
        String fieldPath = rule.path("fieldPath").asText("");
        String at = fieldPath.isEmpty() ? path : join(path, fieldPath.substring(1));
        errors.add(
            new FieldError(
                at.isEmpty() ? null : at,
                "Invalid value: \"" + jsonType(self) + "\": " + rule.path("message").asText()));
      }
    }
  }

  private static void requireChecksForEveryRule(JsonNode schema) {
    List<String> missing = new ArrayList<>();
    collectUncheckedRules(schema, missing);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "CEL rules of the CRD without a Java equivalent in CelRuleChecks: " + missing);
    }
  }

  private static void collectUncheckedRules(JsonNode schema, List<String> missing) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      if (CelRuleChecks.forRule(rule.path("rule").asText()) == null) {
        missing.add(rule.path("rule").asText());
      }
    }
    schema.path("properties").forEach(p -> collectUncheckedRules(p, missing));
    for (String nested : new String[] {"items", "additionalProperties"}) {
      if (schema.path(nested).isObject()) {
        collectUncheckedRules(schema.get(nested), missing);
      }
    }
  }

  private Pattern compiled(String regex) {
    return patterns.computeIfAbsent(regex, Pattern::compile);
  }

  private static FieldError wrongType(String path, JsonNode value, String type) {
    String actual = jsonType(value);
    return invalid(
        path, actual, path + " in body must be of type " + type + ": \"" + actual + "\"");
  }

  private static FieldError invalid(String path, Object value, String detail) {
    String shown = value instanceof JsonNode node ? node.toString() : "\"" + value + "\"";
    return new FieldError(path, "Invalid value: " + shown + ": " + detail);
  }

  private static String jsonType(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  private static boolean fitsInt64(BigDecimal number) {
    return number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
        && number.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
