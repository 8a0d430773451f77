package io.costsentry.crds.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A manifest of {@code src/test/resources/fixtures}: {@code valid/} ones are accepted by the API
 * server, {@code invalid/} ones refused. An invalid fixture names what it is refused for in leading
 * comments, one error a line:
 *
 * <pre>
 * # expect: spec.limits[0].period: Unsupported value: "Week"
 * </pre>
 *
 * <p>that is the field path, then a fragment of the API server's message. The sidecar's parity test
 * reads the same files (by path), so keep this format in step with it.
 *
 * @param name the file name, or file name and document for a multi-document example
 */
record Fixture(String name, String yaml, List<Expected> expected) {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String EXPECT = "# expect: ";

  /** An error the fixture must meet: the field exactly, the message containing the fragment. */
  record Expected(String field, String fragment) {
    boolean matches(FieldError error) {
      return error.field().equals(field) && error.detail().contains(fragment);
    }

    @Override
    public String toString() {
      return field + ": " + fragment;
    }
  }

  boolean valid() {
    return expected.isEmpty();
  }

  JsonNode manifest() {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(name + " is not YAML", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** The fixtures of a folder, sorted by name. */
  static List<Fixture> in(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .map(Fixture::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Each document of a multi-document file (the examples), as a valid fixture named by its path
   * under {@code root}.
   */
  static List<Fixture> documentsOf(Path root, Path file) {
    List<Fixture> documents = new ArrayList<>();
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int index = 0;
      for (String document : text.split("(?m)^---\\s*$")) {
        index++;
        JsonNode manifest = YAML.readTree(document);
        if (manifest != null && !manifest.isEmpty()) {
          documents.add(
              new Fixture(root.relativize(file) + " document " + index, document, List.of()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  private static Fixture read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<Expected> expected = new ArrayList<>();
      for (String line : text.lines().toList()) {
        if (line.startsWith(EXPECT)) {
          String expectation = line.substring(EXPECT.length());
          int colon = expectation.indexOf(": ");
          expected.add(
              new Expected(expectation.substring(0, colon), expectation.substring(colon + 2)));
        }
      }
      return new Fixture(file.getFileName().toString(), text, List.copyOf(expected));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
