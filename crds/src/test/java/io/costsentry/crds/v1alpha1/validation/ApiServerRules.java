package io.costsentry.crds.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.costsentry.crds.v1alpha1.validation.FieldError.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the API server does when a custom resource of a CRD is created, in a test: no API server
 * runs here, so this replays apiextensions-apiserver's steps on the generated CRD.
 *
 * <ol>
 *   <li>Decoding: fields the schema does not declare are refused (strict field validation, the
 *       default of {@code kubectl apply} and {@code kubectl create}) or pruned ({@link
 *       FieldValidation#IGNORE}, what other clients get by default).
 *   <li>Nulls dropped and defaults applied; {@code status} reset (status subresource).
 *   <li>The {@code openAPIV3Schema} checks of kube-openapi and the list-type invariants ({@link
 *       OpenApiSchemaChecks}), and metadata.name (a DNS subdomain).
 *   <li>If none of those errors blocks them (type, required, enum, too long, too many), every
 *       {@code x-kubernetes-validations} rule, compiled and evaluated with CEL ({@link CelRules}).
 * </ol>
 *
 * <p>Errors are worded as the API server words them ({@code spec.limits[0].period: Unsupported
 * value: ...}). Not replayed: the CEL cost limits at CRD install and at runtime (see {@link
 * CelCostLimits} for the static part), ratcheting and transition rules (update only), the other
 * ObjectMeta checks (labels, annotations...), and admission webhooks.
 */
public final class ApiServerRules {
  /** The server-side field validation of the request. */
  public enum FieldValidation {
    /** Unknown fields refuse the request: {@code kubectl apply}'s default. */
    STRICT,
    /** Unknown fields are dropped silently: the API server's default for other clients. */
    IGNORE
  }

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private final String apiVersion;
  private final String kind;
  private final JsonNode schema;
  private final OpenApiSchemaChecks openApi;
  private final CelRules cel;

  private ApiServerRules(String apiVersion, String kind, JsonNode schema) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.schema = schema;
    this.openApi = new OpenApiSchemaChecks(schema);
    this.cel = new CelRules(schema);
  }

  /** The rules of a CRD generated into {@code META-INF/fabric8}, e.g. {@code x-v1.yml}. */
  public static ApiServerRules ofGeneratedCrd(String fileName) {
    String resource = "/META-INF/fabric8/" + fileName;
    try (InputStream in = ApiServerRules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " was not generated");
      }
      return ofCrd(YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rules of the only version of a CRD. */
  public static ApiServerRules ofCrd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode version = spec.path("versions").path(0);
    if (!version.isObject()) {
      throw new IllegalArgumentException("not a CRD with a version: " + crd);
    }
    return new ApiServerRules(
        spec.path("group").asText() + "/" + version.path("name").asText(),
        spec.path("names").path("kind").asText(),
        version.path("schema").path("openAPIV3Schema"));
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  /** The openAPIV3Schema the rules come from. */
  public JsonNode schema() {
    return schema;
  }

  /**
   * Rules of the CRD the API server would refuse when the CRD is applied: CEL that does not compile
   * or does not return a bool. Each names the rule's place in the schema.
   */
  public List<String> compileErrors() {
    return cel.compileErrors();
  }

  /**
   * Inputs of the CEL rules that would make the API server's static cost estimate exceed its limit
   * and refuse the CRD: strings without maxLength, lists without maxItems, maps without
   * maxProperties (see {@link CelCostLimits}).
   */
  public List<String> unboundedRuleInputs() {
    return cel.unboundedInputs();
  }

  /** How many x-kubernetes-validations rules the CRD has. */
  public int ruleCount() {
    return cel.ruleCount();
  }

  /** The errors creating {@code manifest} with {@code kubectl apply} would meet; empty if none. */
  public List<FieldError> create(JsonNode manifest) {
    return create(manifest, FieldValidation.STRICT);
  }

  /** The errors creating {@code manifest} would meet with the given field validation. */
  public List<FieldError> create(JsonNode manifest, FieldValidation fieldValidation) {
    if (!manifest.isObject()
        || !apiVersion.equals(manifest.path("apiVersion").asText())
        || !kind.equals(manifest.path("kind").asText())) {
      throw new IllegalArgumentException(
          "not a " + apiVersion + " " + kind + ": the API server would route it elsewhere");
    }
    ObjectNode resource = manifest.deepCopy();
    List<FieldError> errors =
        openApi.unknownFields(resource, fieldValidation == FieldValidation.IGNORE);
    if (!errors.isEmpty()) {
      return errors; // a strict decoding error refuses the request before validation
    }
    openApi.applyDefaults(resource);
    resource.remove("status");
    errors = new ArrayList<>(openApi.validate(resource));
    errors.addAll(metadataName(resource));
    if (errors.stream().anyMatch(FieldError::blocksCelRules)) {
      errors.add(
          new FieldError(
              Type.INVALID,
              "<nil>",
              "Invalid value: \"null\": some validation rules were not checked because the object"
                  + " was invalid; correct the existing errors to complete validation"));
      return errors;
    }
    errors.addAll(cel.validate(resource));
    return errors;
  }

  /** Custom resource names are DNS subdomains (ValidateObjectMetaAccessor, NameIsDNSSubdomain). */
  private static List<FieldError> metadataName(JsonNode resource) {
    JsonNode name = resource.path("metadata").path("name");
    if (!name.isTextual() || name.asText().isEmpty()) {
      return resource.path("metadata").path("generateName").isTextual()
          ? List.of()
          : List.of(
              new FieldError(
                  Type.REQUIRED,
                  "metadata.name",
                  "Required value: name or generateName is required"));
    }
    String text = name.asText();
    List<FieldError> errors = new ArrayList<>();
    if (text.length() > 253) {
      errors.add(
          new FieldError(
              Type.INVALID,
              "metadata.name",
              "Invalid value: " + GoText.quote(text) + ": must be no more than 253 characters"));
    }
    if (!DNS_SUBDOMAIN.matcher(text).matches()) {
      errors.add(
          new FieldError(
              Type.INVALID,
              "metadata.name",
              "Invalid value: "
                  + GoText.quote(text)
                  + ": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                  + " characters, '-' or '.', and must start and end with an alphanumeric"
                  + " character (e.g. 'example.com', regex used for validation is"
                  + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
    }
    return errors;
  }
}
