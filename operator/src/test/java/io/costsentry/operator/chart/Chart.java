package io.costsentry.operator.chart;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * charts/costsentry rendered and linted with the Helm library helm-java bundles, as {@code helm
 * template} and {@code helm lint} would.
 */
public final class Chart {
  /** Where the module's tests run from: {@code operator/}. */
  static final Path DIR = Path.of("..", "charts", "costsentry");

  static final String RELEASE = "costsentry";
  static final String NAMESPACE = "costsentry-system";

  /** helm template assumes Kubernetes 1.20 without a cluster; the chart needs 1.29. */
  static final String KUBE_VERSION = "1.31.0";

  private Chart() {}

  static LintResult lintStrict() {
    return new Helm(DIR).lint().strict().call();
  }

  /** The NOTES.txt Helm prints after installing, from a client-only dry run. */
  static String installNotes(String namespace, Map<String, String> sets) {
    InstallCommand command =
        new Helm(DIR)
            .install()
            .withName(RELEASE)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION)
            .clientOnly()
            .withDryRunOption(DryRun.CLIENT);
    for (Map.Entry<String, String> set : sets.entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    String output = command.call().getOutput();
    int notes = output.indexOf("NOTES:");
    if (notes < 0) {
      throw new AssertionError("no NOTES in the install output:\n" + output);
    }
    return output.substring(notes);
  }

  /** Release {@value #RELEASE} in {@value #NAMESPACE} with the default values. */
  static Rendered renderDefaults() {
    return render(NAMESPACE, null, Map.of());
  }

  /**
   * @param valuesYaml a values file's content, or {@code null}
   * @param sets {@code --set} pairs
   */
  public static Rendered render(String namespace, String valuesYaml, Map<String, String> sets) {
    return Rendered.parse(template(namespace, valuesYaml, sets), namespace);
  }

  /** The raw manifest; throws {@link IllegalStateException} with Helm's message when it fails. */
  static String template(String namespace, String valuesYaml, Map<String, String> sets) {
    TemplateCommand command =
        new Helm(DIR)
            .template()
            .withName(RELEASE)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION);
    Path values = null;
    try {
      if (valuesYaml != null) {
        values = Files.createTempFile("costsentry-values", ".yaml");
        Files.writeString(values, valuesYaml);
        command = command.withValuesFile(values);
      }
      for (Map.Entry<String, String> set : sets.entrySet()) {
        command = command.set(set.getKey(), set.getValue());
      }
      return command.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (values != null) {
        try {
          Files.deleteIfExists(values);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }
}
