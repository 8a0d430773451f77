package io.costsentry.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standalone sidecar refuses what the cluster refuses: the manifest fixtures of the crds module
 * (which its tests run through the API server's steps on the generated CRDs) go through the
 * sidecar's loader, which must give the same verdict and name the same fields.
 *
 * <p>A CostCenterBudget fixture is loaded after a ModelAlias named claude-3-5-haiku: in a cluster,
 * references between resources (a limit's scope.model) are resolved by the operator, not at
 * admission, while the standalone loader checks them within its file. The messages differ in places
 * (the sidecar words an unknown field "field not declared in schema" and an unknown time zone
 * "unknown IANA time zone"), the fields do not.
 */
class FixtureParityTest {
  /** The crds module's fixtures, from this module's directory (Maven runs tests there). */
  private static final Path FIXTURES =
      Path.of("..", "crds", "src", "test", "resources", "fixtures");

  private static final String EXPECT = "# expect: ";

  private static final String CONTEXT_ALIAS =
      """
      apiVersion: costsentry.io/v1alpha1
      kind: ModelAlias
      metadata:
        name: claude-3-5-haiku
      spec:
        modelId: us.anthropic.claude-3-5-haiku-20241022-v1:0
      ---
      """;

  private final ManifestPolicyLoader loader = new ManifestPolicyLoader();

  static List<Path> validFixtures() {
    return yamlFiles(FIXTURES.resolve("valid"));
  }

  static List<Path> invalidFixtures() {
    return yamlFiles(FIXTURES.resolve("invalid"));
  }

  @Test
  void theFixturesAreThere() {
    assertThat(validFixtures()).hasSizeGreaterThanOrEqualTo(9);
    assertThat(invalidFixtures()).hasSizeGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void acceptsWhatTheClusterAccepts(Path fixture) {
    String yaml = withContext(read(fixture));
    assertThatCode(() -> loader.parse(yaml, fixture.getFileName().toString()))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void refusesWhatTheClusterRefusesNamingTheSameFields(Path fixture) {
    String text = read(fixture);
    Set<String> expectedFields =
        text.lines()
            .filter(l -> l.startsWith(EXPECT))
            .map(l -> l.substring(EXPECT.length(), l.indexOf(": ", EXPECT.length())))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(expectedFields).as("the fixture names its error").isNotEmpty();

    String yaml = withContext(text);
    int document = yaml.equals(text) ? 1 : 2;
    InvalidManifestException refused =
        catchThrowableOfType(
            InvalidManifestException.class,
            () -> loader.parse(yaml, fixture.getFileName().toString()));
    assertThat(refused).as("%s is refused by the sidecar", fixture.getFileName()).isNotNull();
    Set<String> fields =
        refused.errors().stream()
            .filter(e -> e.document() == document)
            .map(e -> String.valueOf(e.field()))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(fields)
        .as("fields named by the sidecar: %s", refused.errors())
        .isEqualTo(expectedFields);
  }

  private static String withContext(String fixture) {
    return fixture.contains("kind: CostCenterBudget") ? CONTEXT_ALIAS + fixture : fixture;
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
