package io.costsentry.bench;

import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the benchmarks and prints a markdown report (see bench/README.md). */
@Command(
    name = "costsentry-bench",
    mixinStandardHelpOptions = true,
    description = "Latency, time-to-first-token, footprint, startup and overshoot of the sidecar.")
public final class BenchMain implements Callable<Integer> {
  static final long P99_ADDED_TARGET_NANOS = 1_000_000;
  static final long IDLE_RSS_TARGET_KIB = 64 * 1024;
  static final long LOAD_RSS_TARGET_KIB = 128 * 1024;
  static final long READY_TARGET_MILLIS = 1_000;

  @Option(
      names = "--scenarios",
      split = ",",
      defaultValue = "latency,ttft,overshoot,rss,startup",
      description = "Which to run, comma-separated (default ${DEFAULT-VALUE}).")
  Set<String> scenarios = new LinkedHashSet<>();

  @Option(
      names = "--sidecar-jar",
      defaultValue = "sidecar/target/costsentry-sidecar.jar",
      description = "The sidecar's shaded jar, for the process scenarios (rss, startup).")
  Path sidecarJar;

  @Option(
      names = "--java",
      description = "java launcher for the sidecar process (default: the one running the bench).")
  Path java;

  @Option(names = "--out", description = "Also write the report to this file.")
  Path out;

  @Option(names = "--scale", defaultValue = "1.0", description = "Multiplies request counts.")
  double scale;

  @Option(names = "--startup-runs", defaultValue = "5")
  int startupRuns;

  private final StringBuilder report = new StringBuilder();
  private final List<String[]> targets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (java == null) {
      java = Path.of(System.getProperty("java.home"), "bin", "java");
    }
    header();
    if (scenarios.contains("latency")) {
      latency();
    }
    if (scenarios.contains("ttft")) {
      ttft();
    }
    if (scenarios.contains("overshoot")) {
      overshoot();
    }
    if (scenarios.contains("rss") || scenarios.contains("startup")) {
      process();
    }
    summary();
    return 0;
  }

  private int n(int base) {
    return Math.max(1, (int) Math.round(base * scale));
  }

  private void header() throws IOException {
    line("# CostSentry sidecar benchmarks");
    line("");
    line(
        "- date: "
            + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    line(
        "- machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs visible to the JVM ("
            + Machine.cpuModel()
            + "), shared; bench JVM "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB");
    line(
        "- in-process scenarios: simulator, sidecar (`Sidecar.start`, ledger MEMORY, metrics"
            + " prometheus) and the SDK clients share one JVM and the same cores");
    line("");
  }

  private void latency() throws Exception {
    progress("latency: Converse direct vs through the sidecar");
    int syncN = n(1000);
    int asyncN = n(3000);
    List<LatencyBench.Row> rows = new LatencyBench(syncN, asyncN, 4).run(50, 200);
    line("## Converse latency, direct vs through the sidecar (ms)");
    line("");
    line(
        "Zero simulated model time: what is left is the SDK, the network stack and the proxy."
            + " Sync: "
            + syncN
            + " calls each way, alternating call by call, after "
            + syncN / 2
            + " warm-up calls each way. Async: closed loop with N calls in flight, "
            + asyncN
            + " calls each way in 4 alternating rounds, after a warm-up.");
    line("");
    line(
        "| client | in flight | calls/side | direct p50 | direct p99 | sidecar p50 | sidecar p99"
            + " | added p50 | **added p99** | direct calls/s | sidecar calls/s | errors |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (LatencyBench.Row r : rows) {
      Stats d = r.direct();
      Stats s = r.sidecar();
      line(
          "| %s | %d | %d | %s | %s | %s | %s | %s | **%s** | %s | %s | %d / %d |"
              .formatted(
                  r.client(),
                  r.concurrency(),
                  s.count(),
                  Stats.ms(d.p50Nanos()),
                  Stats.ms(d.p99Nanos()),
                  Stats.ms(s.p50Nanos()),
                  Stats.ms(s.p99Nanos()),
                  Stats.signedMs(s.p50Nanos() - d.p50Nanos()),
                  Stats.signedMs(s.p99Nanos() - d.p99Nanos()),
                  rate(d.perSecond()),
                  rate(s.perSecond()),
                  d.errors(),
                  s.errors()));
      long added = s.p99Nanos() - d.p99Nanos();
      targets.add(
          new String[] {
            "p99 added ≤ 1 ms (in-memory ledger), "
                + r.client()
                + ", "
                + r.concurrency()
                + " in flight",
            Stats.signedMs(added) + " ms",
            met(added <= P99_ADDED_TARGET_NANOS && s.errors() == 0)
          });
    }
    line("");
  }

  private void ttft() throws Exception {
    progress("ttft: ConverseStream time to first token");
    int[] streams = {n(60), n(1000), n(2000)};
    List<StreamBench.Row> rows = new StreamBench(4, streams).run(1, 50, 200);
    line("## ConverseStream time to first token, direct vs through the sidecar (ms)");
    line("");
    line(
        "Simulator streams 20 tokens, "
            + StreamBench.TOKEN_DELAY.toMillis()
            + " ms apart, no first-token delay; time from the async SDK call to the first"
            + " `contentBlockDelta` event; closed loop, 4 alternating rounds after a warm-up.");
    line("");
    line(
        "| streams in flight | streams/side | direct p50 | direct p99 | sidecar p50 | sidecar p99"
            + " | added p50 | added p99 | errors |");
    line("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (StreamBench.Row r : rows) {
      Stats d = r.direct();
      Stats s = r.sidecar();
      line(
          "| %d | %d | %s | %s | %s | %s | %s | %s | %d / %d |"
              .formatted(
                  r.concurrency(),
                  s.count(),
                  Stats.ms(d.p50Nanos()),
                  Stats.ms(d.p99Nanos()),
                  Stats.ms(s.p50Nanos()),
                  Stats.ms(s.p99Nanos()),
                  Stats.signedMs(s.p50Nanos() - d.p50Nanos()),
                  Stats.signedMs(s.p99Nanos() - d.p99Nanos()),
                  d.errors(),
                  s.errors()));
    }
    line("");
  }

  private void overshoot() throws Exception {
    progress("overshoot: burst of 200 Converse calls against a small Day limit");
    OvershootBench.Result r = new OvershootBench().run(200, 0.2);
    line("## Overshoot of a burst");
    line("");
    line(
        "200 Converse calls sent at once (async client, h2c) through the sidecar; the Day limit"
            + " (`maxTotalTokens`) is 40 × the per-call reservation bound (input bound + maxTokens"
            + " "
            + Fixtures.MAX_TOKENS
            + "), and each call really produces "
            + Fixtures.MAX_TOKENS
            + " output tokens. Billed = the simulator's reported input + output (+ cache) tokens"
            + " over all calls it answered.");
    line("");
    line(
        "| calls | bound/call | limit (tokens) | approved | denied (quota) | other errors |"
            + " reached simulator | billed tokens | overshoot |");
    line("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    line(
        "| %d | %d | %d | %d | %d | %d | %d | %d | **%d** |"
            .formatted(
                r.requests(),
                r.boundPerRequest(),
                r.limit(),
                r.approved(),
                r.denied(),
                r.otherErrors(),
                r.reachedBedrock(),
                r.billedTokens(),
                r.overshoot()));
    if (r.firstOtherError() != null) {
      line("");
      line("First other error: `" + r.firstOtherError() + "`");
    }
    line("");
    targets.add(
        new String[] {
          "zero overshoot (200-call burst)",
          r.overshoot()
              + " tokens over; "
              + r.reachedBedrock()
              + " calls reached the simulator for "
              + r.approved()
              + " approved",
          met(r.overshoot() == 0 && r.reachedBedrock() == r.approved() && r.otherErrors() == 0)
        });
  }

  private void process() throws Exception {
    List<ProcessBench.JvmProfile> profiles =
        List.of(
            new ProcessBench.JvmProfile("defaults", List.of(), false),
            new ProcessBench.JvmProfile("small", List.of(SMALL), false),
            new ProcessBench.JvmProfile("tight", List.of(TIGHT), false),
            new ProcessBench.JvmProfile("tight+aot", List.of(TIGHT), true));
    line("## Sidecar process: JVM flag sets");
    line("");
    line("| name | flags |");
    line("|---|---|");
    line("| defaults | (none: JVM ergonomics on this machine) |");
    line("| small | `" + String.join(" ", SMALL) + "` |");
    line("| tight | `" + String.join(" ", TIGHT) + "` |");
    line(
        "| tight+aot | tight + `-XX:AOTCache=<file>` (JDK 25 AOT cache, recorded beforehand by one"
            + " training run with `-XX:AOTCacheOutput` serving 50 Converse and 200 ConverseStream"
            + " calls) |");
    line("");
    Path policy = Fixtures.writePolicy(Fixtures.HUGE_LIMIT);
    SimulatorOptions options =
        SimulatorOptions.builder().tokenDelay(StreamBench.TOKEN_DELAY).build();
    try (BedrockSimulator simulator = BedrockSimulator.start(options)) {
      ProcessBench bench = new ProcessBench(java, sidecarJar);
      progress("process: training AOT caches");
      List<ProcessBench.JvmProfile> usable = bench.prepare(profiles, simulator, policy);
      if (scenarios.contains("startup")) {
        progress("startup: process start to /readyz 200");
        line("## Startup: process start to `/readyz` 200 (ms)");
        line("");
        line(
            "`java [flags] -jar sidecar/target/costsentry-sidecar.jar`, configured by COSTSENTRY_*"
                + " variables (ledger memory, metrics prometheus); `/readyz` on the admin port polled"
                + " every 5 ms from the moment the process is spawned; "
                + startupRuns
                + " runs per row.");
        line("");
        line("| JVM flags | runs (ms) | **median** | ≤ 1 s |");
        line("|---|---|--:|---|");
        for (ProcessBench.JvmProfile p : usable) {
          simulator.reset();
          ProcessBench.StartupResult r = bench.startup(p, simulator, policy, startupRuns);
          line(
              "| `%s` | %s | **%d** | %s |"
                  .formatted(
                      p.name(), r.millis(), r.median(), met(r.median() <= READY_TARGET_MILLIS)));
          targets.add(
              new String[] {
                "ready ≤ 1 s, `" + p.name() + "`",
                r.median() + " ms (median of " + startupRuns + ")",
                met(r.median() <= READY_TARGET_MILLIS)
              });
        }
        line("");
      }
      if (scenarios.contains("rss")) {
        progress("rss: resident memory idle and under 200 streams");
        int streams = n(1000);
        line("## Sidecar resident memory (MiB)");
        line("");
        line(
            "Same process set-up as startup. Idle = VmRSS 1 s after ready; under load = highest"
                + " VmRSS sampled every 10 ms while 200 ConverseStream calls are in flight"
                + " (closed loop, "
                + streams
                + " streams of 20 tokens, 5 ms apart), and VmHWM; after = 1 s after the load.");
        line("");
        line(
            "| JVM flags | idle | peak under 200 streams (sampled) | VmHWM | after load |"
                + " streams/s | errors | idle ≤ 64 | load ≤ 128 |");
        line("|---|--:|--:|--:|--:|--:|--:|---|---|");
        for (ProcessBench.JvmProfile p : usable) {
          simulator.reset();
          ProcessBench.RssResult r =
              bench.rss(p, simulator, policy, 200, streams, Duration.ofSeconds(1));
          long loadPeak = Math.max(r.peakKiB(), r.hwmKiB());
          line(
              "| `%s` | %s | %s | %s | %s | %s | %d | %s | %s |"
                  .formatted(
                      p.name(),
                      mib(r.idleKiB()),
                      mib(r.peakKiB()),
                      mib(r.hwmKiB()),
                      mib(r.afterKiB()),
                      rate(r.streamsPerSecond()),
                      r.errors(),
                      met(r.idleKiB() <= IDLE_RSS_TARGET_KIB),
                      met(loadPeak <= LOAD_RSS_TARGET_KIB && r.errors() == 0)));
          if (r.firstError() != null) {
            line("| | first error: `" + r.firstError().replace('|', '/') + "` | | | | | | | |");
          }
          targets.add(
              new String[] {
                "RSS ≤ 64 MiB idle / ≤ 128 MiB under 200 streams, `" + p.name() + "`",
                mib(r.idleKiB()) + " / " + mib(loadPeak) + " MiB",
                met(
                    r.idleKiB() <= IDLE_RSS_TARGET_KIB
                        && loadPeak <= LOAD_RSS_TARGET_KIB
                        && r.errors() == 0)
              });
        }
        line("");
      }
    }
  }

  static final String[] SMALL = {
    "-XX:+UseSerialGC", "-Xss256k", "-XX:TieredStopAtLevel=1", "-XX:MaxRAM=256m"
  };

  static final String[] TIGHT = {
    "-XX:+UseSerialGC",
    "-Xss256k",
    "-XX:TieredStopAtLevel=1",
    "-Xms8m",
    "-Xmx48m",
    "-XX:MaxMetaspaceSize=64m",
    "-XX:ReservedCodeCacheSize=24m",
    "-XX:MaxDirectMemorySize=32m",
    "-XX:+UseCompactObjectHeaders"
  };

  private void summary() throws IOException {
    line("## Targets");
    line("");
    line("| target | measured | |");
    line("|---|---|---|");
    for (String[] t : targets) {
      line("| " + t[0] + " | " + t[1] + " | " + t[2] + " |");
    }
    line("");
    line(
        "Not measured here: ledger round trips on the critical path (the in-memory ledger has none;"
            + " a DynamoDB run needs dynalite).");
  }

  private static String met(boolean ok) {
    return ok ? "met" : "**not met**";
  }

  private static String mib(long kib) {
    return String.format(Locale.ROOT, "%.1f", kib / 1024.0);
  }

  private static String rate(double perSecond) {
    if (perSecond <= 0) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.0f", perSecond);
  }

  private void line(String s) throws IOException {
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

  private static void progress(String s) {
    System.err.println("bench: " + s);
  }

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }
}
