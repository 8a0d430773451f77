package io.costsentry.sidecar.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.costsentry.core.policy.PolicySet;
import io.costsentry.core.pricing.PriceTable;
import io.costsentry.crds.v1alpha1.ApiPatterns;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostSentryApi;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.sidecar.config.ManifestMapper.Parsed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the standalone sidecar's configuration: a multi-document YAML file of {@code ModelAlias}
 * and {@code CostCenterBudget} manifests ({@code apiVersion: costsentry.io/v1alpha1}), the same
 * manifests a cluster would be given, and turns it into a {@link PolicySet}.
 *
 * <p>The sidecar validates what it reads: each document against its CRD's schema and CEL rules as
 * the API server would (see {@link CrdSchemaValidator}), then the rules that span documents (see
 * {@link ManifestMapper}). All errors of a file are reported together, each naming the file, the
 * document, {@code Kind/name} and the field. Instances are immutable and thread-safe.
 */
public final class ManifestPolicyLoader {
  private static final String CRD_DIR = "/META-INF/fabric8/";
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(ApiPatterns.DNS_SUBDOMAIN);
  private static final List<String> KINDS = List.of(CostCenterBudget.KIND, ModelAlias.KIND);

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final ManifestMapper mapper;
  private final Map<String, CrdSchemaValidator> validators;

  /** A loader pricing models without {@code spec.pricing} from the built-in table. */
  public ManifestPolicyLoader() {
    this(PriceTable.builtIn());
  }

  public ManifestPolicyLoader(PriceTable prices) {
    this.mapper = new ManifestMapper(prices);
    this.validators =
        Map.of(
            ModelAlias.KIND,
            CrdSchemaValidator.fromClasspath(
                CRD_DIR + "modelaliases.costsentry.io-v1.yml", CostSentryApi.VERSION),
            CostCenterBudget.KIND,
            CrdSchemaValidator.fromClasspath(
                CRD_DIR + "costcenterbudgets.costsentry.io-v1.yml", CostSentryApi.VERSION));
  }

  /**
   * What the API server would say of one manifest against its CRD's schema alone (types, required
   * fields, enums, patterns, bounds, unknown fields, CEL rules), with the schema's defaults applied
   * to {@code manifest} in place. References to other resources are not checked: the API server
   * cannot see them either. Used where an API server is emulated (the sandbox).
   *
   * @return {@code field: detail} per problem; empty when the manifest is accepted
   * @throws IllegalArgumentException if the manifest's kind is not a CostSentry kind
   */
  public List<String> crdSchemaErrors(String kind, ObjectNode manifest) {
    CrdSchemaValidator validator = validators.get(kind);
    if (validator == null) {
      throw new IllegalArgumentException("not a CostSentry kind: " + kind);
    }
    return validator.validate(manifest).stream().map(e -> e.field() + ": " + e.detail()).toList();
  }

  /**
   * The policies of a manifest file.
   *
   * @throws IOException if the file cannot be read
   * @throws InvalidManifestException listing every problem, if anything in the file is invalid
   */
  public PolicySet load(Path file) throws IOException, InvalidManifestException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * The policies of manifests given as text.
   *
   * @param source names the text in error messages, e.g. its file name
   * @throws InvalidManifestException listing every problem, if anything in the text is invalid
   */
  public PolicySet parse(String yaml, String source) throws InvalidManifestException {
    List<ManifestError> errors = new ArrayList<>();
    List<Parsed<ModelAlias>> aliases = new ArrayList<>();
    List<Parsed<CostCenterBudget>> budgets = new ArrayList<>();
    Set<String> declaredAliases = new LinkedHashSet<>();

    List<ManifestDocument> documents = documents(yaml, source, errors);
    for (ManifestDocument doc : documents) {
      if (ModelAlias.KIND.equals(doc.kind()) && doc.name() != null) {
        declaredAliases.add(doc.name());
      }
      if (!isIdentified(doc, errors)) {
        continue;
      }
      List<CrdSchemaValidator.FieldError> invalid = validators.get(doc.kind()).validate(doc.body());
      invalid.forEach(e -> errors.add(doc.error(e.field(), e.detail())));
      if (!invalid.isEmpty()) {
        continue;
      }
      if (ModelAlias.KIND.equals(doc.kind())) {
        toResource(doc, ModelAlias.class, errors).ifPresent(a -> aliases.add(new Parsed<>(doc, a)));
      } else {
        toResource(doc, CostCenterBudget.class, errors)
            .ifPresent(b -> budgets.add(new Parsed<>(doc, b)));
      }
    }
    if (errors.isEmpty() && documents.isEmpty()) {
      errors.add(
          new ManifestError(
              source, 0, null, null, "no ModelAlias or CostCenterBudget manifest in the file"));
    }
    PolicySet policies = mapper.map(aliases, budgets, declaredAliases, errors);
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(ManifestError::document)); // stable: field order kept
      throw new InvalidManifestException(source, errors);
    }
    return policies;
  }

  /** The non-empty documents of the stream; a syntax error ends the stream. */
  private static List<ManifestDocument> documents(
      String yaml, String source, List<ManifestError> errors) {
    List<ManifestDocument> documents = new ArrayList<>();
    int index = 1; // of the document being read
    // A plain parser rather than a MappingIterator, which would unwrap a first document that is a
    // list into its elements.
    try (JsonParser parser = YAML.createParser(yaml)) {
      for (; parser.nextToken() != null; index++) {
        JsonNode node = YAML.readTree(parser);
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue; // an empty document, e.g. after a trailing ---
        }
        if (!node.isObject()) {
          errors.add(
              new ManifestError(
                  source,
                  index,
                  null,
                  null,
                  "expected a ModelAlias or CostCenterBudget manifest (a mapping), got "
                      + node.getNodeType().name().toLowerCase(Locale.ROOT)));
          continue;
        }
        ObjectNode body = (ObjectNode) node;
        documents.add(new ManifestDocument(source, index, text(body, "kind"), name(body), body));
      }
    } catch (JacksonException e) {
      errors.add(new ManifestError(source, index, null, null, syntaxError(e)));
    } catch (IOException e) {
      errors.add(new ManifestError(source, index, null, null, e.getMessage()));
    }
    return documents;
  }

  /** Checks apiVersion, kind and metadata.name, which decide how the rest is read. */
  private static boolean isIdentified(ManifestDocument doc, List<ManifestError> errors) {
    int before = errors.size();
    JsonNode apiVersion = doc.body().get("apiVersion");
    if (apiVersion == null || apiVersion.isNull()) {
      errors.add(doc.error("apiVersion", "Required value"));
    } else if (!CostSentryApi.API_VERSION.equals(apiVersion.asText())) {
      errors.add(
          doc.error(
              "apiVersion",
              "Unsupported value: "
                  + apiVersion
                  + ": supported values: \""
                  + CostSentryApi.API_VERSION
                  + "\""));
    }
    JsonNode kind = doc.body().get("kind");
    if (kind == null || kind.isNull()) {
      errors.add(doc.error("kind", "Required value"));
    } else if (!KINDS.contains(doc.kind())) {
      errors.add(
          doc.error(
              "kind",
              "Unsupported value: "
                  + kind
                  + ": supported values: \""
                  + String.join("\", \"", KINDS)
                  + "\""));
    }
    JsonNode metadata = doc.body().path("metadata");
    if (!metadata.isObject()) {
      errors.add(doc.error("metadata", "Required value"));
    } else if (doc.name() == null) {
      errors.add(doc.error("metadata.name", "Required value: name is required"));
    } else if (doc.name().length() > 253 || !DNS_SUBDOMAIN.matcher(doc.name()).matches()) {
      errors.add(
          doc.error(
              "metadata.name",
              "Invalid value: \""
                  + doc.name()
                  + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                  + " characters, '-' or '.', and must start and end with an alphanumeric"
                  + " character, at most 253 characters"));
    }
    return errors.size() == before;
  }

  private static <T> Optional<T> toResource(
      ManifestDocument doc, Class<T> type, List<ManifestError> errors) {
    try {
      return Optional.of(YAML.treeToValue(doc.body(), type));
    } catch (JsonMappingException e) {
      // The schema should have caught this: the types and their generated CRD disagree.
      errors.add(doc.error(fieldPath(e), e.getOriginalMessage()));
    } catch (JacksonException e) {
      errors.add(doc.error(null, e.getOriginalMessage()));
    }
    return Optional.empty();
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : path.toString();
  }

  private static String syntaxError(JacksonException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String problem = e.getOriginalMessage().lines().findFirst().orElse("").strip();
    return "YAML syntax error" + where + ": " + problem;
  }

  private static String text(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String name(ObjectNode body) {
    JsonNode name = body.path("metadata").get("name");
    return name != null && name.isTextual() && !name.asText().isEmpty() ? name.asText() : null;
  }
}
