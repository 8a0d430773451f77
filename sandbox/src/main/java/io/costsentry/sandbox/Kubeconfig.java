package io.costsentry.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig for the embedded API server, so {@code kubectl} talks to the sandbox. */
final class Kubeconfig {
  static final String CONTEXT = "costsentry-local";

  private Kubeconfig() {}

  static String render(String serverUrl) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: %1$s
            cluster:
              server: %2$s
        users:
          - name: %1$s
            user:
              token: sandbox
        contexts:
          - name: %1$s
            context:
              cluster: %1$s
              user: %1$s
              namespace: default
        current-context: %1$s
        """
        .formatted(CONTEXT, serverUrl);
  }

  static void write(Path file, String serverUrl) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(serverUrl));
  }
}
