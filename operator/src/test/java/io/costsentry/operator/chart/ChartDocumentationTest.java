package io.costsentry.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every value is commented in values.yaml and listed in the README with its default. */
class ChartDocumentationTest {
  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*(.*?)\\s*\\|.*$");
  private static final String VALUES_HEADING = "## Values";
  private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+):(.*)$");

  private static List<String> valuesLines;
  private static Map<String, Object> leaves;
  private static Map<String, String> readmeDefaults;
  private static String readme;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    String values = Files.readString(Chart.DIR.resolve("values.yaml"));
    valuesLines = values.lines().toList();
    leaves = new LinkedHashMap<>();
    collectLeaves("", new ObjectMapper(new YAMLFactory()).readValue(values, Map.class), leaves);

    readme = Files.readString(Chart.DIR.resolve("README.md"));
    readmeDefaults = new LinkedHashMap<>();
    boolean inValuesSection = false;
    for (String line : readme.lines().toList()) {
      if (line.startsWith("## ")) {
        inValuesSection = line.equals(VALUES_HEADING);
      }
      Matcher row = TABLE_ROW.matcher(line);
      if (inValuesSection && row.matches()) {
        assertThat(readmeDefaults.put(row.group(1), row.group(2))).as(row.group(1)).isNull();
      }
    }
  }

  @Test
  void listsEveryValueInTheReadmeWithItsDefault() {
    assertThat(leaves).hasSizeGreaterThan(50);
    assertThat(readmeDefaults.keySet()).as(VALUES_HEADING).containsAll(leaves.keySet());
    for (Map.Entry<String, Object> leaf : leaves.entrySet()) {
      assertThat(readmeDefaults.get(leaf.getKey()))
          .as("README default of %s", leaf.getKey())
          .isEqualTo("`" + shown(leaf.getValue()) + "`");
    }
  }

  @Test
  void listsNoValueTheChartDoesNotHave() {
    assertThat(leaves.keySet()).as("values.yaml").containsAll(readmeDefaults.keySet());
  }

  @Test
  void commentsEveryValueInValuesYaml() {
    Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
    Map<String, Boolean> commented = new LinkedHashMap<>();
    String previous = "";
    for (String line : valuesLines) {
      Matcher key = KEY_LINE.matcher(line);
      if (key.matches()) {
        int indent = key.group(1).length();
        while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
          parents.pop();
        }
        StringBuilder path = new StringBuilder();
        parents.descendingIterator().forEachRemaining(p -> path.append(p.getValue()).append('.'));
        path.append(key.group(2));
        String rest = key.group(3).strip();
        if (rest.isEmpty()) {
          parents.push(Map.entry(indent, key.group(2)));
        } else {
          commented.put(path.toString(), previous.strip().startsWith("#"));
        }
      }
      if (!line.isBlank()) {
        previous = line;
      }
    }
    assertThat(commented.keySet()).containsExactlyInAnyOrderElementsOf(leaves.keySet());
    assertThat(commented)
        .allSatisfy((path, isCommented) -> assertThat(isCommented).as(path).isTrue());
  }

  @Test
  void tellsHowToUpgradeTheCrdsBeforeHelmUpgrade() {
    assertThat(readme)
        .contains("kubectl apply --server-side -f charts/costsentry/crds/")
        .contains("helm upgrade")
        .contains("../../docs/iam-policy.md")
        .contains("../../docs/operator-permissions.md")
        .contains("examples/cost-centers/")
        .contains("examples/apps/");
  }

  @Test
  @SuppressWarnings("unchecked")
  void declaresTheChartAsAHelm3ChartNeedingNativeSidecars() throws IOException {
    Map<String, Object> chart =
        new ObjectMapper(new YAMLFactory())
            .readValue(Files.readString(Chart.DIR.resolve("Chart.yaml")), Map.class);
    assertThat(chart)
        .containsEntry("apiVersion", "v2")
        .containsEntry("name", "costsentry")
        .containsEntry("version", "0.1.0")
        .containsEntry("appVersion", "0.1.0")
        .containsEntry("kubeVersion", ">=1.29.0-0");
  }

  @SuppressWarnings("unchecked")
  private static void collectLeaves(
      String prefix, Map<String, Object> map, Map<String, Object> out) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
        collectLeaves(path, (Map<String, Object>) child, out);
      } else {
        out.put(path, e.getValue());
      }
    }
  }

  private static String shown(Object value) {
    if (value instanceof String s) {
      return s.isEmpty() ? "\"\"" : s;
    }
    if (value instanceof Map<?, ?> m && m.isEmpty()) {
      return "{}";
    }
    if (value instanceof List<?> l && l.isEmpty()) {
      return "[]";
    }
    return String.valueOf(value);
  }
}
