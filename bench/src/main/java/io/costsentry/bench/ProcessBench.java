package io.costsentry.bench;

import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The sidecar as its own process ({@code java [flags] -jar costsentry-sidecar.jar}, configured
 * through COSTSENTRY_* variables, in-memory ledger): resident memory idle and under concurrent
 * streams, and time from process start to {@code /readyz} answering 200.
 */
final class ProcessBench {
  /** A set of JVM flags; {@code trainAotCache} first records a JDK 25 AOT cache, then uses it. */
  record JvmProfile(String name, List<String> flags, boolean trainAotCache) {}

  record RssResult(
      JvmProfile profile,
      long idleKiB,
      long peakKiB,
      long hwmKiB,
      long afterKiB,
      int streams,
      int errors,
      String firstError,
      double streamsPerSecond) {}

  record StartupResult(JvmProfile profile, List<Long> millis) {
    long median() {
      List<Long> sorted = millis.stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }
  }

  private final Path java;
  private final Path sidecarJar;
  private final Path workDir;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  ProcessBench(Path java, Path sidecarJar) throws IOException {
    this.java = java;
    this.sidecarJar = sidecarJar;
    this.workDir = Files.createTempDirectory("costsentry-bench");
    if (!Files.isRegularFile(sidecarJar)) {
      throw new IllegalArgumentException(
          "sidecar jar not found: " + sidecarJar + " (build with ./mvnw -Pbench -am package)");
    }
  }

  /** A running sidecar process. */
  private record Child(Process process, int proxyPort, int adminPort, Path log) {
    long pid() {
      return process.pid();
    }
  }

  /** Records the AOT cache of profiles that use one; returns the profiles that can be run. */
  List<JvmProfile> prepare(List<JvmProfile> profiles, BedrockSimulator simulator, Path policy)
      throws Exception {
    List<JvmProfile> usable = new ArrayList<>();
    for (JvmProfile p : profiles) {
      if (!p.trainAotCache()) {
        usable.add(p);
        continue;
      }
      Path cache = aotCache(p);
      Files.deleteIfExists(cache);
      List<String> training = new ArrayList<>(p.flags());
      training.add("-XX:AOTCacheOutput=" + cache);
      Child child = start(training, simulator.endpoint(), policy);
      try {
        awaitReady(child, Duration.ofSeconds(60));
        try (BedrockRuntimeClient sync = Fixtures.syncClient(Fixtures.local(child.proxyPort()));
            BedrockRuntimeAsyncClient async =
                Fixtures.asyncClient(Fixtures.local(child.proxyPort()))) {
          for (int i = 0; i < 50; i++) {
            sync.converse(Fixtures.converse(Fixtures.ALIAS, Fixtures.PROMPT));
          }
          Load.closedLoop(
              20,
              200,
              () -> StreamBench.firstToken(async, Fixtures.converseStream(Fixtures.ALIAS, "hi")));
        }
      } finally {
        stop(child);
      }
      if (Files.isRegularFile(cache)) {
        usable.add(p);
      } else {
        System.err.println(
            "bench: no AOT cache was written for profile '" + p.name() + "'; skipping it");
      }
    }
    return usable;
  }

  private Path aotCache(JvmProfile p) {
    return workDir.resolve("sidecar-" + Integer.toHexString(p.name().hashCode()) + ".aot");
  }

  private List<String> flags(JvmProfile p) {
    List<String> flags = new ArrayList<>(p.flags());
    if (p.trainAotCache()) {
      flags.add("-XX:AOTCache=" + aotCache(p));
    }
    return flags;
  }

  StartupResult startup(JvmProfile profile, BedrockSimulator simulator, Path policy, int runs)
      throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Child child = start(flags(profile), simulator.endpoint(), policy);
      try {
        awaitReady(child, Duration.ofSeconds(60));
        millis.add((System.nanoTime() - t0) / 1_000_000);
      } finally {
        stop(child);
      }
    }
    return new StartupResult(profile, millis);
  }

  RssResult rss(
      JvmProfile profile,
      BedrockSimulator simulator,
      Path policy,
      int concurrency,
      int streams,
      Duration settle)
      throws Exception {
    Child child = start(flags(profile), simulator.endpoint(), policy);
    try {
      awaitReady(child, Duration.ofSeconds(60));
      Thread.sleep(settle.toMillis());
      long idle = status(child.pid(), "VmRSS");

      AtomicLong peak = new AtomicLong(idle);
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (sampling.get()) {
                      try {
                        peak.accumulateAndGet(status(child.pid(), "VmRSS"), Math::max);
                        Thread.sleep(10);
                      } catch (Exception e) {
                        return;
                      }
                    }
                  });
      Load.Run run;
      try (BedrockRuntimeAsyncClient client =
          Fixtures.asyncClient(Fixtures.local(child.proxyPort()))) {
        run =
            Load.closedLoop(
                concurrency,
                streams,
                () ->
                    StreamBench.firstToken(
                        client, Fixtures.converseStream(Fixtures.ALIAS, Fixtures.PROMPT)));
      } finally {
        sampling.set(false);
        sampler.join();
      }
      long hwm = status(child.pid(), "VmHWM");
      Thread.sleep(settle.toMillis());
      long after = status(child.pid(), "VmRSS");
      Throwable first = run.recorder().firstError();
      return new RssResult(
          profile,
          idle,
          peak.get(),
          hwm,
          after,
          streams,
          run.recorder().errors(),
          first == null ? null : first.toString(),
          streams * 1e9 / run.wallNanos());
    } finally {
      stop(child);
    }
  }

  private Child start(List<String> jvmFlags, URI bedrock, Path policy) throws IOException {
    int proxyPort = freePort();
    int adminPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(sidecarJar.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("COSTSENTRY_"));
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("JDK_JAVA_OPTIONS");
    env.put("COSTSENTRY_LISTEN", "127.0.0.1:" + proxyPort);
    env.put("COSTSENTRY_ADMIN_LISTEN", "127.0.0.1:" + adminPort);
    env.put("COSTSENTRY_BEDROCK_ENDPOINT", bedrock.toString());
    env.put("COSTSENTRY_LEDGER", "memory");
    env.put("COSTSENTRY_CONFIG", policy.toString());
    env.put("COSTSENTRY_COST_CENTER", Fixtures.COST_CENTER);
    env.put("COSTSENTRY_METRICS", "prometheus");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", SimulatorOptions.DEFAULT_ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY);
    Path log = workDir.resolve("sidecar-" + proxyPort + ".log");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD); // audit lines
    builder.redirectError(log.toFile());
    return new Child(builder.start(), proxyPort, adminPort, log);
  }

  private void awaitReady(Child child, Duration timeout) throws Exception {
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + child.adminPort() + "/readyz"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!child.process().isAlive()) {
        throw new IllegalStateException(
            "sidecar exited with "
                + child.process().exitValue()
                + ": "
                + Files.readString(child.log()).strip());
      }
      try {
        if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("sidecar not ready after " + timeout);
  }

  private static void stop(Child child) throws InterruptedException {
    child.process().destroy();
    if (!child.process().waitFor(20, TimeUnit.SECONDS)) {
      child.process().destroyForcibly().waitFor();
    }
  }

  /** A {@code kB} field of {@code /proc/<pid>/status}, in KiB. */
  static long status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
      }
    }
    throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
