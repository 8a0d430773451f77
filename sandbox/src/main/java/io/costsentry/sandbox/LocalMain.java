package io.costsentry.sandbox;

import io.costsentry.operator.cli.CostSentrySubcommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar costsentry-local.jar}: the sandbox, until Ctrl-C. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    version = "costsentry local 0.1.0",
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Runs CostSentry on this machine with no cloud account: an embedded Kubernetes API (kubectl"
          + " works against it), the operator, the Bedrock runtime and control-plane simulators, the"
          + " ledger and a sidecar proxy on loopback, charged to one cost center.",
      ""
    })
public final class LocalMain implements Callable<Integer>, CostSentrySubcommand {
  @Option(
      names = "--proxy-port",
      defaultValue = "8787",
      description =
          "Port of the sidecar proxy apps send Bedrock calls to (default ${DEFAULT-VALUE}).")
  int proxyPort;

  @Option(
      names = "--admin-port",
      defaultValue = "9797",
      description = "Port of the sidecar's /metrics, /healthz, /readyz (default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--api-port",
      defaultValue = "0",
      description = "Port of the embedded Kubernetes API; 0 picks a free one (default).")
  int apiPort;

  @Option(
      names = "--kubeconfig-out",
      defaultValue = "costsentry-local.kubeconfig",
      description =
          "Kubeconfig written for the embedded API, for KUBECONFIG=<file> kubectl (default"
              + " ${DEFAULT-VALUE}).")
  Path kubeconfigOut;

  @Option(
      names = "--cost-center",
      defaultValue = SandboxConfig.DEFAULT_COST_CENTER,
      description = "The sidecar's cost center (default ${DEFAULT-VALUE}, from examples/).")
  String costCenter;

  @Option(
      names = "--application-id",
      defaultValue = SandboxConfig.DEFAULT_APPLICATION_ID,
      description = "The sidecar's applicationId tag (default ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(
      names = "--environment",
      defaultValue = SandboxConfig.DEFAULT_ENVIRONMENT,
      description = "The sidecar's environment tag (default ${DEFAULT-VALUE}).")
  String environment;

  @Option(
      names = "--ledger",
      defaultValue = "memory",
      paramLabel = "memory|dynamodb",
      converter = LedgerConverter.class,
      description =
          "memory: just a JDK; dynamodb: dynalite from npm (needs Node.js 20+), as in the tests"
              + " (default ${DEFAULT-VALUE}).")
  SandboxConfig.LedgerChoice ledger;

  @Option(
      names = "--examples",
      defaultValue = "true",
      arity = "1",
      description =
          "Apply examples/cost-centers (sales, services, support and two model aliases) at start"
              + " (default ${DEFAULT-VALUE}).")
  boolean examples;

  SandboxConfig toConfig() {
    return new SandboxConfig(
        proxyPort,
        adminPort,
        apiPort,
        kubeconfigOut,
        costCenter,
        applicationId,
        environment,
        ledger,
        examples);
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    SandboxConfig config = toConfig();
    PrintStream out = System.out;
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(config, out);
    } catch (Exception e) {
      System.err.println("costsentry local: could not start: " + explain(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("costsentry local: stopping");
                  sandbox.close();
                  stopped.countDown();
                },
                "costsentry-local-stop"));
    out.println(Banner.render(sandbox, config, (System.nanoTime() - started) / 1_000_000));
    stopped.await();
    return 0;
  }

  /** The cause a user can act on, e.g. a port already in use, without a stack trace. */
  static String explain(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("bind")) {
        return t.getMessage()
            + " (a port is in use: is another sandbox running? choose others with --proxy-port,"
            + " --admin-port or --api-port)";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LocalMain()).setCommandName("costsentry local").execute(args));
  }

  /** {@code memory} or {@code dynamodb}, in any case. */
  static final class LedgerConverter
      implements CommandLine.ITypeConverter<SandboxConfig.LedgerChoice> {
    @Override
    public SandboxConfig.LedgerChoice convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "memory" -> SandboxConfig.LedgerChoice.MEMORY;
        case "dynamodb" -> SandboxConfig.LedgerChoice.DYNAMODB;
        default ->
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not memory or dynamodb");
      };
    }
  }
}
