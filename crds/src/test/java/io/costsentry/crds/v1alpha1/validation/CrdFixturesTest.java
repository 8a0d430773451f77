package io.costsentry.crds.v1alpha1.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.crds.v1alpha1.validation.ApiServerRules.FieldValidation;
import io.costsentry.crds.v1alpha1.validation.Fixture.Expected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid and invalid manifests through what the API server does with the generated CRDs ({@link
 * ApiServerRules}): the valid fixtures and every document of {@code examples/} are accepted; each
 * invalid fixture is refused with exactly the errors its {@code # expect:} comments name, each
 * naming the field, plus the API server's note when an error kept the CEL rules from running.
 */
class CrdFixturesTest {
  private static final Map<String, ApiServerRules> BY_KIND =
      Map.of(
          "ModelAlias",
          ApiServerRules.ofGeneratedCrd("modelaliases.costsentry.io-v1.yml"),
          "CostCenterBudget",
          ApiServerRules.ofGeneratedCrd("costcenterbudgets.costsentry.io-v1.yml"));

  /** What the API server adds when a structural error kept it from running the CEL rules. */
  private static final String RULES_NOT_CHECKED =
      "some validation rules were not checked because the object was invalid";

  static List<Fixture> validFixtures() {
    List<Fixture> fixtures = new ArrayList<>(Fixture.in(fixtures("valid")));
    Path root = Path.of("..", "examples");
    try (Stream<Path> examples = Files.walk(root)) {
      examples
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .flatMap(f -> Fixture.documentsOf(root, f).stream())
          // Examples also hold Namespaces, Deployments and Argo CD Applications.
          .filter(f -> isCostSentry(f.manifest()))
          .forEach(fixtures::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fixtures;
  }

  private static boolean isCostSentry(JsonNode manifest) {
    return "costsentry.io/v1alpha1".equals(manifest.path("apiVersion").asText())
        && BY_KIND.containsKey(manifest.path("kind").asText());
  }

  static List<Fixture> invalidFixtures() {
    return Fixture.in(fixtures("invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void acceptsValidManifests(Fixture fixture) {
    assertThat(fixture.expected()).as("a valid fixture expects no error").isEmpty();
    assertThat(create(fixture.manifest(), FieldValidation.STRICT)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void refusesInvalidManifestsNamingTheField(Fixture fixture) {
    assertThat(fixture.expected()).as("an invalid fixture names its error").isNotEmpty();
    List<FieldError> errors = create(fixture.manifest(), FieldValidation.STRICT);
    List<FieldError> unexpected = new ArrayList<>(errors);
    unexpected.removeIf(e -> e.detail().contains(RULES_NOT_CHECKED));
    for (Expected expected : fixture.expected()) {
      assertThat(errors).as("errors of %s", fixture).anyMatch(expected::matches);
      unexpected.removeIf(expected::matches);
    }
    assertThat(unexpected).as("errors of %s that it does not expect", fixture).isEmpty();
  }

  @Test
  void thereAreFixturesOfBothKindsAndVerdicts() {
    assertThat(validFixtures()).hasSizeGreaterThanOrEqualTo(9);
    assertThat(invalidFixtures()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(invalidFixtures())
        .extracting(Fixture::name)
        .anyMatch(n -> n.startsWith("ma-"))
        .anyMatch(n -> n.startsWith("ccb-"));
  }

  @Test
  void withoutStrictFieldValidationAnUnknownFieldIsPrunedNotRefused() {
    // The API server prunes unknown fields unless the client asks for strict validation, as
    // kubectl apply does. Pruned, the misspelt maxCost leaves a limit without a maximum.
    JsonNode misspelt = fixture("invalid", "ccb-unknown-field.yaml").manifest();
    assertThat(create(misspelt, FieldValidation.IGNORE))
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.limits[0]: Invalid value: \"object\": exactly one of maxCostUSD,"
                + " maxInputTokens, maxOutputTokens, maxTotalTokens must be set");
  }

  @Test
  void aStructuralErrorKeepsTheCelRulesFromRunning() {
    // enforcement is not Enforce or Monitor (blocking) and the limit names repeat (CEL): the API
    // server reports the first and says the rules were not checked.
    JsonNode budget = fixture("invalid", "ccb-bad-enforcement.yaml").manifest().deepCopy();
    JsonNode limits =
        fixture("invalid", "ccb-duplicate-limit-names.yaml").manifest().at("/spec/limits");
    ((ObjectNode) budget.get("spec")).set("limits", limits);
    assertThat(create(budget, FieldValidation.STRICT))
        .extracting(FieldError::field)
        .containsExactly("spec.enforcement", "<nil>");
  }

  @Test
  void statusIsResetOnCreate() {
    JsonNode budget = fixture("valid", "ccb-minimal.yaml").manifest().deepCopy();
    ((ObjectNode) budget).putObject("status").put("mostUsedPercent", -1);
    assertThat(create(budget, FieldValidation.STRICT)).isEmpty();
  }

  private static List<FieldError> create(JsonNode manifest, FieldValidation fieldValidation) {
    ApiServerRules rules = BY_KIND.get(manifest.path("kind").asText());
    assertThat(rules).as("a CRD for kind %s", manifest.path("kind")).isNotNull();
    return rules.create(manifest, fieldValidation);
  }

  private static Fixture fixture(String verdict, String name) {
    return Fixture.in(fixtures(verdict)).stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Path fixtures(String verdict) {
    try {
      return Path.of(CrdFixturesTest.class.getResource("/fixtures/" + verdict).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
