package io.costsentry.crds.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.costsentry.crds.v1alpha1.validation.FieldError.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code x-kubernetes-validations} of a schema, compiled and evaluated with Google's CEL for
 * Java as apiextensions-apiserver does with cel-go: {@code self} (and {@code oldSelf}) typed after
 * the schema node the rule is on (see {@link CelTypes}), the standard macros and functions, and the
 * CEL extensions the API server enables that cel-java has (strings, optionals, sets, bindings).
 *
 * <p>Kubernetes' own libraries (lists {@code isSorted/sum/min/max/indexOf}, regex {@code
 * find/findAll}, url, ip, cidr, quantity, semver, format, authz) are not in cel-java; none of the
 * CostSentry rules uses them, and a rule that did would fail {@link #compileErrors()} here until a
 * faithful implementation is added. Differences that remain: cel-java's strings extension is a
 * superset of the API server's version 2 (e.g. {@code reverse}), time zones are resolved by
 * java.time rather than Go's tz database (Java also accepts offsets such as {@code UTC+5}), and
 * evaluation error texts are cel-java's.
 */
final class CelRules {
  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHomogeneousLiterals(true) // cel.HomogeneousAggregateLiterals
          .enableHeterogeneousNumericComparisons(true) // cel.CrossTypeNumericComparisons
          .enableOptionalSyntax(true) // cel.OptionalTypes
          .build();

  /** One compiled rule: its schema entry, its program and its message program. */
  private record Compiled(
      JsonNode rule,
      CelRuntime.Program program,
      CelRuntime.Program messageProgram,
      boolean transition) {}

  private final JsonNode root;
  private final Map<JsonNode, List<Compiled>> bySchemaNode = new IdentityHashMap<>();
  private final List<String> compileErrors = new ArrayList<>();
  private final List<String> unboundedInputs = new ArrayList<>();
  private int ruleCount;

  CelRules(JsonNode openApiV3Schema) {
    this.root = openApiV3Schema;
    compile(openApiV3Schema, "openAPIV3Schema", true);
  }

  /** Rules the API server would refuse in the CRD: compilation failed, or not a bool. */
  List<String> compileErrors() {
    return compileErrors;
  }

  /** Strings, lists and maps rules read without the bounds the cost estimate needs. */
  List<String> unboundedInputs() {
    return unboundedInputs;
  }

  /** How many rules the schema has. */
  int ruleCount() {
    return ruleCount;
  }

  private void compile(JsonNode schema, String location, boolean resourceRoot) {
    JsonNode rules = schema.path("x-kubernetes-validations");
    if (!rules.isEmpty()) {
      Map<String, CelType> structs = new LinkedHashMap<>();
      CelType self = CelTypes.declType(schema, "selfType." + location, resourceRoot, structs);
      Cel cel = environment(self, structs);
      List<Compiled> compiled = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        ruleCount++;
        JsonNode rule = rules.get(i);
        String at = location + ".x-kubernetes-validations[" + i + "]";
        CelAbstractSyntaxTree ast = compile(cel, rule.path("rule").asText(), at + ".rule");
        CelAbstractSyntaxTree message = null;
        if (rule.hasNonNull("messageExpression")) {
          message = compile(cel, rule.get("messageExpression").asText(), at + ".messageExpression");
          if (message != null && !message.getResultType().equals(SimpleType.STRING)) {
            compileErrors.add(at + ".messageExpression: must evaluate to a string");
          }
        }
        if (ast == null) {
          continue;
        }
        if (!ast.getResultType().equals(SimpleType.BOOL)) {
          compileErrors.add(at + ".rule: cel expression must evaluate to a bool");
          continue;
        }
        unboundedInputs.addAll(CelCostLimits.unbounded(schema, ast, at + ".rule"));
        boolean transition =
            ast.getReferenceMap().values().stream().anyMatch(r -> r.name().equals("oldSelf"));
        compiled.add(new Compiled(rule, program(cel, ast), program(cel, message), transition));
      }
      bySchemaNode.put(schema, compiled);
    }
    schema
        .path("properties")
        .properties()
        .forEach(
            p ->
                compile(
                    p.getValue(),
                    location + ".properties[" + p.getKey() + "]",
                    p.getValue().path("x-kubernetes-embedded-resource").asBoolean(false)));
    if (schema.path("items").isObject()) {
      compile(schema.get("items"), location + ".items", false);
    }
    if (schema.path("additionalProperties").isObject()) {
      compile(schema.get("additionalProperties"), location + ".additionalProperties", false);
    }
  }

  private CelAbstractSyntaxTree compile(Cel cel, String expression, String at) {
    try {
      return cel.compile(expression).getAst();
    } catch (CelValidationException e) {
      compileErrors.add(at + ": compilation failed: " + e.getMessage());
      return null;
    }
  }

  private static CelRuntime.Program program(Cel cel, CelAbstractSyntaxTree ast) {
    if (ast == null) {
      return null;
    }
    try {
      return cel.createProgram(ast);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("cannot plan " + ast.getSource().getContent(), e);
    }
  }

  private static Cel environment(CelType self, Map<String, CelType> structs) {
    CelTypeProvider types =
        new CelTypeProvider() {
          @Override
          public ImmutableCollection<CelType> types() {
            return ImmutableList.copyOf(structs.values());
          }

          @Override
          public Optional<CelType> findType(String name) {
            return Optional.ofNullable(structs.get(name));
          }
        };
    return CelFactory.standardCelBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setTypeProvider(types)
        .addVar("self", self)
        .addVar("oldSelf", self)
        .addCompilerLibraries(
            CelExtensions.strings(),
            CelExtensions.optional(),
            CelExtensions.sets(OPTIONS),
            CelExtensions.bindings())
        .addRuntimeLibraries(
            CelExtensions.strings(), CelExtensions.optional(), CelExtensions.sets(OPTIONS))
        .build();
  }

  // --- evaluation ---

  /**
   * The errors of the rules on a created resource (decoded, structurally valid). Transition rules
   * (those reading oldSelf) do not run on create.
   */
  List<FieldError> validate(JsonNode resource) {
    List<FieldError> errors = new ArrayList<>();
    walk(root, resource, "", true, errors);
    return errors;
  }

  private void walk(
      JsonNode schema, JsonNode value, String path, boolean resourceRoot, List<FieldError> out) {
    if (value == null || value.isNull()) {
      return;
    }
    List<Compiled> rules = bySchemaNode.getOrDefault(schema, List.of());
    if (!rules.isEmpty()) {
      Object self = CelTypes.value(schema, value, resourceRoot);
      for (Compiled rule : rules) {
        if (!rule.transition()) {
          evaluate(rule, schema, self, path, out);
        }
      }
    }
    if (value.isObject()) {
      JsonNode additional = schema.get("additionalProperties");
      value
          .properties()
          .forEach(
              field -> {
                JsonNode fieldSchema = schema.path("properties").get(field.getKey());
                if (fieldSchema != null) {
                  boolean embedded =
                      fieldSchema.path("x-kubernetes-embedded-resource").asBoolean(false);
                  walk(
                      fieldSchema,
                      field.getValue(),
                      OpenApiSchemaChecks.join(path, field.getKey()),
                      embedded,
                      out);
                } else if (additional != null && additional.isObject()) {
                  // the CEL validator keys map entries: tags[team]
                  walk(additional, field.getValue(), path + "[" + field.getKey() + "]", false, out);
                }
              });
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.get("items"), value.get(i), path + "[" + i + "]", false, out);
      }
    }
  }

  private static void evaluate(
      Compiled rule, JsonNode schema, Object self, String path, List<FieldError> out) {
    String type = schema.path("type").asText("");
    String text = rule.rule().path("rule").asText();
    String message = rule.rule().path("message").asText("").strip();
    Object result;
    try {
      result = rule.program().eval(Map.of("self", self));
    } catch (CelEvaluationException e) {
      // "no such key", an unknown time zone...: the API server refuses with the error.
      out.add(
          new FieldError(
              Type.INVALID,
              nil(path),
              "Invalid value: \""
                  + type
                  + "\": "
                  + evaluationError(e)
                  + " evaluating rule: "
                  + (message.isEmpty() ? text : message)));
      return;
    }
    if (Boolean.TRUE.equals(result)) {
      return;
    }
    if (rule.messageProgram() != null) {
      try {
        Object m = rule.messageProgram().eval(Map.of("self", self));
        if (m instanceof String s && !s.isBlank()) {
          message = s.strip();
        }
      } catch (CelEvaluationException e) {
        // the API server falls back to message, then to the rule
      }
    }
    if (message.isEmpty()) {
      message = "failed rule: " + text;
    }
    String at = withFieldPath(path, rule.rule().path("fieldPath").asText(""));
    String reason = rule.rule().path("reason").asText("FieldValueInvalid");
    out.add(
        switch (reason) {
          case "FieldValueForbidden" -> new FieldError(Type.FORBIDDEN, at, "Forbidden: " + message);
          case "FieldValueRequired" ->
              new FieldError(Type.REQUIRED, at, "Required value: " + message);
          case "FieldValueDuplicate" ->
              new FieldError(Type.DUPLICATE, at, "Duplicate value: \"" + type + "\": " + message);
          default ->
              new FieldError(Type.INVALID, at, "Invalid value: \"" + type + "\": " + message);
        });
  }

  /**
   * cel-java's message without its position prefix ("evaluation error at <input>:45: "), and
   * java.time's unknown zone worded as Go's (cel-go loads zones with time.LoadLocation).
   */
  private static String evaluationError(CelEvaluationException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.replaceFirst("^evaluation error(?: at [^ ]+:\\d+)?: ", "")
        .replaceFirst("^Unknown time-zone ID: ", "unknown time zone ");
  }

  /** A rule's fieldPath (".spec.costCenter", "['key']") appended to the node's path. */
  private static String withFieldPath(String path, String fieldPath) {
    if (fieldPath.isEmpty()) {
      return nil(path);
    }
    String relative = fieldPath.replace("['", "[").replace("']", "]");
    if (relative.startsWith(".")) {
      relative = relative.substring(1);
    }
    if (path.isEmpty()) {
      return relative;
    }
    return relative.startsWith("[") ? path + relative : path + "." + relative;
  }

  private static String nil(String path) {
    return path.isEmpty() ? "<nil>" : path;
  }
}
