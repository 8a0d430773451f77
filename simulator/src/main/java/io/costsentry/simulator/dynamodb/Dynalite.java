package io.costsentry.simulator.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dynalite (DynamoDB emulator, npm {@code dynalite@4.0.0}) process on a free loopback port: the
 * DynamoDB of the tests and of the sandbox's {@code --ledger dynamodb}, speaking the real wire
 * protocol. Installs dynalite with npm on first use, so the build needs only a JDK and Node.js 20+.
 *
 * <p>dynalite supports conditional writes but neither transactions nor TTL, which is all the ledger
 * needs. Its output goes to {@code dynalite.log} in the install directory, not to the test output.
 */
public final class Dynalite implements AutoCloseable {
  /** Where dynalite is installed; the parent POM points it at the reactor's {@code target}. */
  public static final String DIR_PROPERTY = "costsentry.dynalite.dir";

  private static final String NODE_REQUIREMENT =
      "CostSentry's tests and the sandbox's --ledger dynamodb need Node.js 20+ for dynalite";
  private static final int MIN_NODE_MAJOR = 20;
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CONNECT_POLL = Duration.ofMillis(25);
  private static final int START_ATTEMPTS = 3;
  private static final List<String> MANIFESTS = List.of("package.json", "package-lock.json");

  private final Process process;
  private final URI endpoint;
  private final Thread stopOnExit;

  private Dynalite(Process process, int port) {
    this.process = process;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.stopOnExit = new Thread(this::stop, "dynalite-stop-" + port);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Installs dynalite if needed and starts it on a free loopback port.
   *
   * @throws IllegalStateException if Node.js is missing, npm fails, or dynalite does not start
   */
  public static Dynalite start() {
    Path dir = installDir();
    install(dir);
    IllegalStateException failure = null;
    // A free port may be taken between probing it and dynalite binding it: then try another one.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      Process process = launch(dir, port);
      if (awaitListening(process, port)) {
        return new Dynalite(process, port);
      }
      destroyTree(process);
      failure =
          new IllegalStateException(
              "dynalite did not start on port "
                  + port
                  + " within "
                  + START_TIMEOUT
                  + "; see "
                  + dir.resolve("dynalite.log"));
    }
    throw Objects.requireNonNull(failure);
  }

  /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing to remove
    }
  }

  private void stop() {
    destroyTree(process);
  }

  private static void destroyTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Path installDir() {
    String configured = System.getProperty(DIR_PROPERTY);
    Path dir =
        configured == null || configured.isBlank()
            ? Path.of(System.getProperty("user.dir"), "target", "dynalite")
            : Path.of(configured);
    return dir.toAbsolutePath();
  }

  /**
   * Runs {@code npm ci} with the committed lock file unless that exact lock file is installed. Test
   * JVMs of several modules may run at once: an OS file lock serialises them, and a JVM-wide
   * monitor the threads of one JVM (file locks are held per JVM, not per thread).
   */
  private static void install(Path dir) {
    synchronized (Dynalite.class) {
      try {
        Files.createDirectories(dir);
        try (FileChannel channel =
                FileChannel.open(
                    dir.resolve("install.lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock ignored = channel.lock()) {
          String wanted = lockFileDigest();
          Path marker = dir.resolve("installed.sha256");
          if (Files.exists(dir.resolve("node_modules/dynalite/cli.js"))
              && Files.exists(marker)
              && Files.readString(marker).equals(wanted)) {
            return;
          }
          checkNode();
          for (String manifest : MANIFESTS) {
            try (InputStream in = resource(manifest)) {
              Files.copy(in, dir.resolve(manifest), StandardCopyOption.REPLACE_EXISTING);
            }
          }
          runNpmCi(dir);
          Files.writeString(marker, wanted);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not install dynalite in " + dir, e);
      }
    }
  }

  private static InputStream resource(String manifest) {
    InputStream in = Dynalite.class.getResourceAsStream("/dynalite/" + manifest);
    if (in == null) {
      throw new IllegalStateException("dynalite/" + manifest + " is missing from the classpath");
    }
    return in;
  }

  private static String lockFileDigest() throws IOException {
    try (InputStream in = resource("package-lock.json")) {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void checkNode() {
    String version;
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      node.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException(NODE_REQUIREMENT + ": `node` is not on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted checking the Node.js version", e);
    }
    Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(version);
    if (!major.find() || Integer.parseInt(major.group(1)) < MIN_NODE_MAJOR) {
      throw new IllegalStateException(NODE_REQUIREMENT + " (found " + version + ")");
    }
  }

  private static void runNpmCi(Path dir) throws IOException {
    Path log = dir.resolve("npm-install.log");
    String npm = System.getProperty("os.name").startsWith("Windows") ? "npm.cmd" : "npm";
    Process process;
    try {
      process =
          new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(NODE_REQUIREMENT + ": `npm` is not on the PATH", e);
    }
    try {
      if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        destroyTree(process);
        throw new IllegalStateException(
            "npm ci for dynalite did not finish within " + INSTALL_TIMEOUT + "; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      destroyTree(process);
      throw new IllegalStateException("interrupted installing dynalite", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "npm ci for dynalite failed (exit "
              + process.exitValue()
              + "), see "
              + log
              + ":\n"
              + Files.readString(log));
    }
  }

  private static Process launch(Path dir, int port) {
    try {
      return new ProcessBuilder(
              "node",
              dir.resolve("node_modules/dynalite/cli.js").toString(),
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(port),
              // dynalite otherwise simulates DynamoDB's seconds-long table state changes
              "--createTableMs",
              "0",
              "--deleteTableMs",
              "0",
              "--updateTableMs",
              "0")
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dynalite.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(NODE_REQUIREMENT + ": could not run `node`", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** Polls with TCP connects until dynalite accepts, it exits, or the start timeout passes. */
  private static boolean awaitListening(Process process, int port) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    while (process.isAlive() && System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(address, (int) CONNECT_POLL.toMillis() * 4);
        // Someone else may own the port if dynalite failed to bind it: be sure it is ours.
        return process.isAlive();
      } catch (IOException notYet) {
        try {
          Thread.sleep(CONNECT_POLL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }
}
