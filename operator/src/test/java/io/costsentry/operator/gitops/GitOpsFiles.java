package io.costsentry.operator.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository files of the GitOps set-up, read the way the tests need them. */
final class GitOpsFiles {
  static final Path ROOT = Path.of("..");
  static final Path CUSTOMIZATIONS = ROOT.resolve("charts/costsentry/argocd/costsentry.io");
  static final Path EXAMPLES = ROOT.resolve("examples");
  static final Path GITOPS_DOC = ROOT.resolve("docs/gitops.md");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern YAML_BLOCK =
      Pattern.compile("(?ms)^```ya?ml[ \\t]*\\n(.*?)^```[ \\t]*$");

  private GitOpsFiles() {}

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a YAML file or text, empty documents left out. */
  static List<JsonNode> yaml(String text) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isEmpty()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  static List<JsonNode> yaml(Path file) {
    return yaml(read(file));
  }

  static String healthScript(String kind) {
    return read(CUSTOMIZATIONS.resolve(kind).resolve("health.lua"));
  }

  /** The argocd-cm key of a kind's health check, as Argo CD 2.x and 3.x read it. */
  static String healthKey(String kind) {
    return "resource.customizations.health.costsentry.io_" + kind;
  }

  static List<HealthCase> healthCases(String kind) {
    JsonNode tests = yaml(CUSTOMIZATIONS.resolve(kind).resolve("health_test.yaml")).getFirst();
    List<HealthCase> cases = new ArrayList<>();
    for (JsonNode t : tests.path("tests")) {
      cases.add(
          new HealthCase(
              kind,
              t.path("inputPath").asText(),
              t.path("healthStatus").path("status").asText(),
              t.path("healthStatus").path("message").asText()));
    }
    if (cases.isEmpty()) {
      throw new IllegalStateException(kind + "/health_test.yaml lists no tests");
    }
    return cases;
  }

  /** The files of a kind's testdata folder, as health_test.yaml names them. */
  static List<String> fixtureFiles(String kind) {
    try (Stream<Path> files = Files.list(CUSTOMIZATIONS.resolve(kind).resolve("testdata"))) {
      return files.map(f -> "testdata/" + f.getFileName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode fixture(HealthCase c) {
    List<JsonNode> documents = yaml(c.path());
    if (documents.size() != 1) {
      throw new IllegalStateException(c + ": expected one document, found " + documents.size());
    }
    return documents.getFirst();
  }

  /** The {@code ```yaml} blocks of a Markdown file, in order. */
  static List<String> yamlBlocks(Path markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = YAML_BLOCK.matcher(read(markdown));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** The data of every ConfigMap argocd-cm shown in docs/gitops.md, merged. */
  static Map<String, String> argocdCmDataInDocs() {
    Map<String, String> data = new LinkedHashMap<>();
    for (String block : yamlBlocks(GITOPS_DOC)) {
      for (JsonNode document : yaml(block)) {
        if ("ConfigMap".equals(document.path("kind").asText())
            && "argocd-cm".equals(document.path("metadata").path("name").asText())) {
          document
              .path("data")
              .fields()
              .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        }
      }
    }
    return data;
  }
}
