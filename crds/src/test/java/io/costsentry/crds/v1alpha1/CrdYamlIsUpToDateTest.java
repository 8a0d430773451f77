package io.costsentry.crds.v1alpha1;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when the CRD YAML committed for the Helm chart differs from what the Java types
 * generate. With {@code -Dcostsentry.crds.update=true} it copies the generated files instead.
 */
class CrdYamlIsUpToDateTest {
  private static final String REGENERATE = "./mvnw -pl crds verify -Dcostsentry.crds.update=true";

  @Test
  void committedCrdsMatchTheGeneratedOnes() throws IOException {
    Path chartDir = chartDir();
    boolean update = Boolean.getBoolean("costsentry.crds.update");
    StringBuilder drift = new StringBuilder();
    for (String fileName : GeneratedCrds.FILE_NAMES) {
      byte[] generated = GeneratedCrds.bytes(fileName);
      Path committed = chartDir.resolve(fileName);
      if (update) {
        Files.createDirectories(chartDir);
        Files.write(committed, generated);
      } else if (!Files.exists(committed)) {
        drift.append("\n  missing: ").append(committed);
      } else if (!Arrays.equals(generated, Files.readAllBytes(committed))) {
        drift.append("\n  differs: ").append(committed);
      }
    }
    if (!drift.isEmpty()) {
      fail(
          "The committed CRDs are not what the API types in crds/ generate:"
              + drift
              + "\nRegenerate them with `"
              + REGENERATE
              + "` and commit the result.");
    }
  }

  private static Path chartDir() {
    String dir = System.getProperty("costsentry.crds.chartDir");
    if (dir == null) {
      fail("system property costsentry.crds.chartDir is not set: run the test through Maven");
    }
    return Path.of(dir).toAbsolutePath().normalize();
  }
}
