package io.costsentry.bench.operator;

import io.costsentry.bench.Machine;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operator bench's markdown report, to stdout and, if given, a file. */
final class OperatorReport {
  /** The DynamoDB call every budget reconcile makes exactly once (publishing its record). */
  static final String BUDGET_RECORD_PUT = "PutItem config budget#";

  private final int budgets;
  private final int aliases;
  private final Duration refresh;
  private final Duration settle;
  private final Duration readyTimeout;
  private final boolean dynalite;
  private final Path out;
  private final StringBuilder report = new StringBuilder();

  OperatorReport(
      int budgets,
      int aliases,
      Duration refresh,
      Duration settle,
      Duration readyTimeout,
      boolean dynalite,
      Path out) {
    this.budgets = budgets;
    this.aliases = aliases;
    this.refresh = refresh;
    this.settle = settle;
    this.readyTimeout = readyTimeout;
    this.dynalite = dynalite;
    this.out = out;
  }

  void header(int threads, boolean seesDynalite) throws IOException {
    line("# CostSentry operator bench");
    line("");
    line(
        "- date: "
            + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    line(
        "- machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs visible to the JVM ("
            + Machine.cpuModel()
            + "), "
            + memTotal()
            + "; JVM "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB; load average at start "
            + loadAverage()
            + " (the machine may be shared)");
    line(
        "- scale: "
            + aliases
            + " ModelAliases, "
            + budgets
            + " CostCenterBudgets (2 limits, every third 3), profiles for every alias → "
            + (long) aliases * budgets
            + " application inference profiles");
    line(
        "- operator: `CostSentryOperator.create` (the production wiring), status refresh "
            + refresh.toSeconds()
            + " s, leader election off, JOSDK "
            + threads
            + " reconciler threads (--reconcile-threads), Bedrock client"
            + " retries up to "
            + BedrockInferenceProfiles.MAX_ATTEMPTS
            + " attempts (standard strategy)");
    line(
        "- parts: Fabric8 mock API server (CRUD mode), Bedrock control-plane simulator (real"
            + " `BedrockClient`), "
            + (dynalite
                ? "dynalite (real `DynamoDbClient`, ledger and policy store in one table)"
                : "in-memory ledger and policy store (no DynamoDB calls)")
            + "; all in this JVM except dynalite"
            + (dynalite && !seesDynalite ? " (its CPU could not be read)" : ""));
    line("");
  }

  /**
   * @param profilesExisting application inference profiles in the simulator at the end
   * @param budgetReadyTimes seconds from the first create to each budget's ProfilesReady
   */
  void ready(
      Mark start,
      Mark created,
      Mark ready,
      double aliasesAt,
      double budgetsAt,
      double profilesAt,
      Progress.Readiness r,
      int profilesExisting,
      List<Progress> timeline,
      List<Double> budgetReadyTimes)
      throws IOException {
    boolean allReady = r.aliases() == aliases && r.profiles() == budgets;
    double elapsed = seconds(ready.nanos() - start.nanos());
    line("## Time to Ready");
    line("");
    if (!allReady) {
      line(
          String.format(
              Locale.ROOT,
              "**Not all Ready within %d s**: aliases %d/%d, budgets Ready %d/%d, ProfilesReady"
                  + " %d/%d, %d of %d profiles exist.",
              readyTimeout.toSeconds(),
              r.aliases(),
              aliases,
              r.budgets(),
              budgets,
              r.profiles(),
              budgets,
              profilesExisting,
              (long) aliases * budgets));
      line("");
    }
    line("| milestone (from the first create) | s |");
    line("|---|--:|");
    line(
        row(
            "all " + (aliases + budgets) + " resources created",
            seconds(created.nanos() - start.nanos())));
    line(row("all ModelAliases Ready", aliasesAt));
    line(row("all CostCenterBudgets Ready (records published)", budgetsAt));
    line(
        row(
            "all CostCenterBudgets ProfilesReady (" + (long) aliases * budgets + " profiles)",
            profilesAt));
    List<Double> times = budgetReadyTimes.stream().sorted().toList();
    if (!times.isEmpty()) {
      line(row("a budget's ProfilesReady, p50", percentile(times, 50)));
      line(row("a budget's ProfilesReady, p90", percentile(times, 90)));
    }
    line("");

    line("### Progress");
    line("");
    line(
        "| t (s) | aliases Ready | budgets Ready | ProfilesReady | profiles | Bedrock calls |"
            + " ListInferenceProfiles pages | summaries listed | DynamoDB calls | K8s requests"
            + " | cores busy |");
    line("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (Progress p : timeline) {
      line(progressLine(p));
    }
    line("");
    line(
        "Cumulative from the first create; cores busy = CPU of the bench JVM + dynalite over the"
            + " preceding interval / wall time.");
    line("");

    line(
        "## API calls until "
            + (allReady ? "all Ready" : "the timeout")
            + String.format(Locale.ROOT, " (%.0f s)", elapsed));
    line("");
    line(
        "Per budget = total / "
            + budgets
            + ". Bedrock calls as received by the simulator (retries included), DynamoDB and"
            + " Kubernetes requests made by the operator (the bench's own creates and polls are"
            + " not counted).");
    line("");
    long reconciles = ready.dynamo().minus(start.dynamo()).get(BUDGET_RECORD_PUT);
    if (reconciles > 0) {
      line(
          String.format(
              Locale.ROOT,
              "Budget reconciles (one budget-record PutItem each): %d, %.2f per budget.",
              reconciles,
              (double) reconciles / budgets));
      line("");
    }
    callTables(start, ready, "calls", "per budget", 1.0);
    cpuTable(start, ready, elapsed);
  }

  void steady(
      Mark s0,
      Mark s1,
      boolean allReady,
      int active,
      long spent,
      long spendFailures,
      List<Progress> timeline)
      throws IOException {
    double window = seconds(s1.nanos() - s0.nanos());
    double perMinute = 60.0 / window;
    line("## Steady state: status refresh cost per minute");
    line("");
    if (!allReady) {
      line(
          "**Not a steady state**: not everything was Ready when the window began; the operator"
              + " was still converging.");
      line("");
    }
    line(
        String.format(
            Locale.ROOT,
            "Window %.0f s, beginning %d s after %s; status refresh every %d s; %d of %d budgets"
                + " had spend during the window (%d simulated requests, one reserve + one settle"
                + " each, through a separate uncounted client%s).",
            window,
            settle.toSeconds(),
            allReady ? "all were Ready" : "the ready timeout",
            refresh.toSeconds(),
            active,
            budgets,
            spent,
            spendFailures == 0 ? "" : ", " + spendFailures + " failed"));
    line("");
    long reconciles = s1.dynamo().minus(s0.dynamo()).get(BUDGET_RECORD_PUT);
    double expected = budgets * 60.0 / refresh.toSeconds();
    if (dynalite) {
      line(
          String.format(
              Locale.ROOT,
              "Budget reconciles (one budget-record PutItem each): **%.0f per minute**, expected"
                  + " %.0f (every budget once per refresh interval).",
              reconciles * perMinute,
              expected));
      line("");
    }
    callTables(s0, s1, "per minute", "per budget per minute", perMinute);
    cpuTable(s0, s1, window);
    if (!timeline.isEmpty()) {
      line("### Steady-state timeline (cumulative from the window start)");
      line("");
      line(
          "| t (s) | aliases Ready | budgets Ready | ProfilesReady | profiles | Bedrock calls |"
              + " ListInferenceProfiles pages | summaries listed | DynamoDB calls | K8s requests"
              + " | cores busy |");
      line("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
      for (Progress p : timeline) {
        line(progressLine(p));
      }
      line("");
    }
  }

  /**
   * Bedrock, DynamoDB and Kubernetes calls between two marks, each count multiplied by {@code
   * scale} (1 for totals, 60/window for per minute), that divided by the number of budgets, and the
   * count divided by the budget reconciles in between (with dynalite, where they are counted).
   */
  private void callTables(Mark a, Mark b, String col1, String col2, double scale)
      throws IOException {
    long reconciles = b.dynamo().minus(a.dynamo()).get(BUDGET_RECORD_PUT);
    String head = " | " + col1 + " | " + col2 + " | per budget reconcile | client-side mean ms |";
    String align = "|---|--:|--:|--:|--:|";
    Counts.Snapshot bedrock = b.bedrock().minus(a.bedrock());
    Counts.Snapshot clientCalls = b.bedrockClientCalls().minus(a.bedrockClientCalls());
    Counts.Snapshot bedrockNanos = b.bedrockNanos().minus(a.bedrockNanos());
    line("| Bedrock control plane" + head);
    line(align);
    for (Map.Entry<String, Long> e : bedrock.values().entrySet()) {
      line(
          cells(
              e.getKey(),
              e.getValue(),
              scale,
              reconciles,
              mean(bedrockNanos.get(e.getKey()), clientCalls.get(e.getKey()))));
    }
    line(cells("**all Bedrock calls**", bedrock.total(), scale, reconciles, ""));
    long summaries = b.bedrockItems().minus(a.bedrockItems()).total();
    line(cells("profile summaries listed (in those pages)", summaries, scale, reconciles, ""));
    line("");

    if (dynalite) {
      Counts.Snapshot dynamo = b.dynamo().minus(a.dynamo());
      Counts.Snapshot dynamoNanos = b.dynamoNanos().minus(a.dynamoNanos());
      line("| DynamoDB (operator)" + head);
      line(align);
      for (Map.Entry<String, Long> e : dynamo.values().entrySet()) {
        line(
            cells(
                e.getKey(),
                e.getValue(),
                scale,
                reconciles,
                mean(dynamoNanos.get(e.getKey()), e.getValue())));
      }
      line(cells("**all DynamoDB calls**", dynamo.total(), scale, reconciles, ""));
      line("");
    }

    Counts.Snapshot k8s = b.k8s().minus(a.k8s());
    String prefix = MockApiServer.OPERATOR + " ";
    line("| Kubernetes API (operator)" + head);
    line(align);
    for (Map.Entry<String, Long> e : k8s.values().entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        line(cells(e.getKey().substring(prefix.length()), e.getValue(), scale, reconciles, "—"));
      }
    }
    long writes =
        k8s.sum(
            k ->
                k.startsWith(prefix)
                    && (k.endsWith("patch")
                        || k.endsWith("put")
                        || k.endsWith("create")
                        || k.endsWith("delete")));
    line(cells("writes (patch, put, create, delete)", writes, scale, reconciles, ""));
    line(cells("**all requests**", k8s.sum(k -> k.startsWith(prefix)), scale, reconciles, ""));
    line("");
  }

  private String cells(String name, long n, double scale, long reconciles, String mean) {
    return "| "
        + name
        + " | "
        + fmt(n * scale)
        + " | "
        + String.format(Locale.ROOT, "%.2f", n * scale / budgets)
        + " | "
        + (reconciles > 0 ? String.format(Locale.ROOT, "%.2f", (double) n / reconciles) : "—")
        + " | "
        + mean
        + " |";
  }

  private static String mean(long nanos, long calls) {
    return calls == 0 ? "—" : String.format(Locale.ROOT, "%.1f", nanos / 1e6 / calls);
  }

  private void cpuTable(Mark a, Mark b, double seconds) throws IOException {
    Counts.Snapshot c = b.cpu().minus(a.cpu());
    line("| CPU | CPU-s | CPU-s per minute | cores |");
    line("|---|--:|--:|--:|");
    for (String group :
        List.of(
            CpuMeter.OPERATOR,
            CpuMeter.SIMULATOR,
            CpuMeter.API_SERVER,
            CpuMeter.BENCH,
            CpuMeter.JVM,
            CpuMeter.PROCESS,
            CpuMeter.DYNALITE)) {
      if (!c.values().containsKey(group) && !group.equals(CpuMeter.PROCESS)) {
        continue;
      }
      double s = c.get(group) / 1e9;
      line(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.2f |",
              group.equals(CpuMeter.PROCESS) ? "**" + group + "**" : group,
              s,
              s * 60 / seconds,
              s / seconds));
    }
    line("");
  }

  private static String fmt(double v) {
    return Math.abs(v - Math.rint(v)) < 1e-9
        ? String.format(Locale.ROOT, "%,d", (long) Math.rint(v))
        : String.format(Locale.ROOT, "%,.1f", v);
  }

  private String progressLine(Progress p) {
    return String.format(
        Locale.ROOT,
        "| %.0f | %d | %d | %d | %d | %,d | %,d | %,d | %,d | %,d | %.2f |",
        p.seconds(),
        p.aliasesReady(),
        p.budgetsReady(),
        p.budgetsProfilesReady(),
        p.profiles(),
        p.bedrockCalls(),
        p.listPages(),
        p.summaries(),
        p.dynamoCalls(),
        p.k8sOperator(),
        p.cores());
  }

  private static String row(String name, double seconds) {
    return "| "
        + name
        + " | "
        + (Double.isNaN(seconds) ? "not reached" : String.format(Locale.ROOT, "%.1f", seconds))
        + " |";
  }

  private static double percentile(List<Double> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** The 1, 5 and 15 minute load averages, from /proc/loadavg. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String memTotal() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          long kib = Long.parseLong(l.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.0f GiB RAM", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "RAM unknown";
  }

  void line(String s) throws IOException {
    System.out.println(s);
    System.out.flush();
    report.append(s).append('\n');
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, report);
    }
  }
}
