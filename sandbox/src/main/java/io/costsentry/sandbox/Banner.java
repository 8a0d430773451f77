package io.costsentry.sandbox;

/** What {@code costsentry local} prints once everything runs: what is where, and what to try. */
final class Banner {
  private Banner() {}

  /** How to run {@code costsentry report} against this sandbox's ledger. */
  static String report(Sandbox sandbox) {
    if (sandbox.dynamoDbEndpoint() == null) {
      return "costsentry report needs the ledger in DynamoDB: start with --ledger dynamodb";
    }
    return "AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox"
        + " COSTSENTRY_JAR=sandbox/target/costsentry-local.jar bin/costsentry report"
        + " --region us-east-1 --dynamodb-endpoint "
        + sandbox.dynamoDbEndpoint();
  }

  static String render(Sandbox sandbox, SandboxConfig config, long startMillis) {
    String kubeconfig =
        config.kubeconfigOut() == null
            ? "(not written: --kubeconfig-out)"
            : config.kubeconfigOut().toString();
    return """

        CostSentry sandbox running (started in %d ms). Ctrl-C stops it.

          Kubernetes API    %s   kubeconfig: %s
          Sidecar proxy     %s   cost center '%s', application '%s', environment '%s'
          Sidecar admin     http://127.0.0.1:%d/metrics
          Bedrock simulator %s   (runtime; the control plane holds the inference profiles)
          Ledger            %s
          Budgets applied   %s

        Try it:
          export KUBECONFIG=%s
          kubectl get modelaliases,costcenterbudgets
          export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=%s AWS_DEFAULT_REGION=us-east-1 \\
                 AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox
          aws bedrock-runtime converse --model-id claude-3-5-haiku \\
            --messages '[{"role":"user","content":[{"text":"Hello"}]}]'
          curl -s %s/v1/invoke -d '{"model":"claude-3-5-haiku","prompt":{"messages":[{"role":"user","content":"Hello"}]}}'
          examples/sandbox-tour.sh      (a scripted walk: a new budget, requests, a denial, the status)
          %s
        Audit lines of the sidecar follow.
        """
        .formatted(
            startMillis,
            sandbox.apiUrl(),
            kubeconfig,
            sandbox.bedrockEndpoint(),
            config.costCenter(),
            config.applicationId(),
            config.environment(),
            sandbox.adminPort(),
            sandbox.runtimeSimulator(),
            sandbox.ledgerDescription(),
            sandbox.exampleBudgets().isEmpty()
                ? "none (--examples false)"
                : String.join(", ", sandbox.exampleBudgets()),
            kubeconfig,
            sandbox.bedrockEndpoint(),
            sandbox.bedrockEndpoint(),
            report(sandbox));
  }
}
