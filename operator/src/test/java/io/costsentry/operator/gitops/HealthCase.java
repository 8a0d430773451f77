package io.costsentry.operator.gitops;

import java.nio.file.Path;

/**
 * One entry of an Argo CD {@code health_test.yaml}: a fixture and the health expected of it.
 *
 * @param input the fixture's path relative to the kind's folder, e.g. {@code testdata/x.yaml}
 */
record HealthCase(String kind, String input, String status, String message) {
  Path path() {
    return GitOpsFiles.CUSTOMIZATIONS.resolve(kind).resolve(input);
  }

  @Override
  public String toString() {
    return kind + " " + input;
  }
}
