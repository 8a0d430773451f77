package io.costsentry.bench.operator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of the bench process and of its parts. Everything runs in one JVM, so threads are
 * grouped by name: the Bedrock simulator's Jetty pool ({@code qtp*}), the mock API server ({@code
 * vert.x-*}), the bench's own threads ({@code bench-*}); the rest is the operator (JOSDK
 * reconcilers, informers, the Fabric8 and AWS SDK clients, which run on the reconciler threads).
 * JVM-internal work (GC, JIT) and threads that ended between two samples are the process total
 * minus the threads. dynalite is a separate Node.js process, read from {@code /proc}.
 */
final class CpuMeter {
  static final String OPERATOR = "operator (JOSDK, clients)";
  static final String SIMULATOR = "Bedrock simulator (Jetty)";
  static final String API_SERVER = "mock API server (Vert.x)";
  static final String BENCH = "bench (poller, spender)";
  static final String JVM = "JVM (GC, JIT) + exited threads";
  static final String PROCESS = "bench JVM total";
  static final String DYNALITE = "dynalite (Node.js process)";

  private static final long CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Optional<ProcessHandle> dynalite;

  CpuMeter() {
    if (threads.isThreadCpuTimeSupported()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    dynalite =
        ProcessHandle.current()
            .descendants()
            .filter(
                p ->
                    p.info().commandLine().map(c -> c.contains("dynalite")).orElse(false)
                        || p.info().arguments().stream()
                            .flatMap(java.util.Arrays::stream)
                            .anyMatch(a -> a.contains("dynalite")))
            .findFirst();
  }

  boolean seesDynalite() {
    return dynalite.isPresent();
  }

  /** CPU nanoseconds so far, by group ({@link #PROCESS} is the whole JVM). */
  Counts.Snapshot sample() {
    Map<String, Long> groups = new HashMap<>();
    long threadSum = 0;
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = threads.getThreadCpuTime(ids[i]);
      if (cpu < 0 || infos[i] == null) {
        continue;
      }
      threadSum += cpu;
      groups.merge(group(infos[i].getThreadName()), cpu, Long::sum);
    }
    long process = os.getProcessCpuTime();
    groups.put(PROCESS, process);
    groups.put(JVM, Math.max(0, process - threadSum));
    dynalite.flatMap(CpuMeter::procCpuNanos).ifPresent(n -> groups.put(DYNALITE, n));
    return Counts.Snapshot.of(groups);
  }

  static String group(String thread) {
    if (thread.startsWith("qtp")) {
      return SIMULATOR;
    }
    if (thread.startsWith("vert.x")) {
      return API_SERVER;
    }
    if (thread.startsWith("bench-") || thread.equals("main")) {
      return BENCH;
    }
    return OPERATOR;
  }

  /** utime + stime of a process (and its waited-for children) from /proc/pid/stat. */
  private static Optional<Long> procCpuNanos(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state=0 ... utime=11 stime=12 cutime=13 cstime=14
      long ticks =
          Long.parseLong(f[11])
              + Long.parseLong(f[12])
              + Long.parseLong(f[13])
              + Long.parseLong(f[14]);
      return Optional.of(ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
