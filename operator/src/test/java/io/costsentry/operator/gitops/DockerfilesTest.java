package io.costsentry.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.gitops.Dockerfile.Instruction;
import io.costsentry.operator.gitops.Dockerfile.Stage;
import io.costsentry.sidecar.SidecarMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Option;

/**
 * What can be checked of {@code operator/Dockerfile} and {@code sidecar/Dockerfile} without
 * building them (no registry is reachable here): a numeric non-root user, COPY sources that the
 * Maven build produces (the shade plugin's {@code outputFile}) and that {@code .dockerignore} lets
 * into the context, an exec-form ENTRYPOINT that runs that jar, the ports the processes listen on,
 * the JVM flags, and for the sidecar an AOT training run that uses the ENTRYPOINT's JVM flags and
 * the cache the ENTRYPOINT loads.
 */
class DockerfilesTest {
  private static final Path OPERATOR = GitOpsFiles.ROOT.resolve("operator/Dockerfile");
  private static final Path SIDECAR = GitOpsFiles.ROOT.resolve("sidecar/Dockerfile");

  /** The webhook's HTTPS port of the contract ({@code --webhook-port}, default 9443). */
  private static final int WEBHOOK_PORT = 9443;

  @Test
  void imagesRunAsANumericNonRootUser() {
    for (Path file : List.of(OPERATOR, SIDECAR)) {
      String user = dockerfile(file).finalStage().last("USER").arguments().strip();
      assertThat(user).as("USER of %s", file).matches("\\d+(:\\d+)?");
      for (String id : user.split(":")) {
        assertThat(Integer.parseInt(id)).as("USER of %s", file).isEqualTo(65532);
      }
    }
  }

  @Test
  void imagesStartFromATemurin25Jre() {
    for (Path file : List.of(OPERATOR, SIDECAR)) {
      Dockerfile d = dockerfile(file);
      assertThat(d.argDefault("BASE_IMAGE"))
          .as("BASE_IMAGE of %s", file)
          .hasValueSatisfying(
              image -> assertThat(image).matches("eclipse-temurin:25(\\.[\\d.]+(_\\d+)?)?-jre-.+"));
      assertThat(d.stages().getFirst().base()).isEqualTo(d.argDefault("BASE_IMAGE").orElseThrow());
    }
  }

  @Test
  void theOperatorImageCopiesTheShadedJarTheBuildProducesAndRunsIt() throws Exception {
    Dockerfile d = dockerfile(OPERATOR);
    String jar = shadedJar("operator");
    assertThat(jar).isEqualTo("operator/target/costsentry-operator.jar");
    Instruction copy = onlyCopyOf(d.finalStage(), jar);
    assertThat(entrypoint(d)).containsSequence("-jar", Dockerfile.copyDestination(copy));
  }

  @Test
  void theSidecarImageCopiesTheShadedJarTheBuildProducesAndRunsIt() throws Exception {
    Dockerfile d = dockerfile(SIDECAR);
    String jar = shadedJar("sidecar");
    assertThat(jar).isEqualTo("sidecar/target/costsentry-sidecar.jar");
    Stage runtime = d.stage("runtime");
    Instruction copy = onlyCopyOf(runtime, jar);
    assertThat(d.finalStage().base())
        .as("the final image is built on the runtime layers")
        .isEqualTo("runtime");
    assertThat(entrypoint(d)).containsSequence("-jar", Dockerfile.copyDestination(copy));
  }

  @Test
  void everyCopySourceIsLetIntoTheBuildContextAndExists() throws Exception {
    List<String> sources = new ArrayList<>();
    for (Path file : List.of(OPERATOR, SIDECAR)) {
      for (Stage stage : dockerfile(file).stages()) {
        for (Instruction copy : stage.all("COPY")) {
          if (Dockerfile.copyFrom(copy).isEmpty()) {
            sources.addAll(Dockerfile.copySources(copy));
          }
        }
      }
    }
    assertThat(sources)
        .contains(
            shadedJar("operator"),
            shadedJar("sidecar"),
            shadedJar("simulator"),
            "examples/budgets.yaml");
    List<String> ignore =
        GitOpsFiles.read(GitOpsFiles.ROOT.resolve(".dockerignore"))
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    for (String source : sources) {
      assertThat(includedInContext(source, ignore)).as("%s in the build context", source).isTrue();
      if (!source.contains("/target/")) {
        assertThat(GitOpsFiles.ROOT.resolve(source)).as("%s", source).isRegularFile();
      }
    }
    assertThat(includedInContext("operator/src/main/java/Foo.java", ignore)).isFalse();
  }

  @Test
  void entrypointsAreExecFormJavaWithContainerFriendlyFlags() {
    for (Path file : List.of(OPERATOR, SIDECAR)) {
      List<String> entrypoint = entrypoint(dockerfile(file));
      assertThat(entrypoint.getFirst()).as("%s", file).isEqualTo("/opt/java/openjdk/bin/java");
      assertThat(entrypoint)
          .as("%s", file)
          .contains("-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError", "-XX:ErrorFile=/dev/stderr");
      assertThat(dockerfile(file).finalStage().all("CMD")).as("%s", file).isEmpty();
      assertThat(env(dockerfile(file)).get("JAVA_TOOL_OPTIONS"))
          .as("heap sizing of %s, replaceable by the pod", file)
          .contains("-XX:MaxRAMPercentage=");
    }
    assertThat(entrypoint(dockerfile(SIDECAR)))
        .contains("-XX:+UseSerialGC", "-Xlog:disable", "-Xlog:all=warning:stderr");
  }

  @Test
  void exposedPortsAreTheOnesTheProcessesListenOn() throws Exception {
    assertThat(exposed(dockerfile(OPERATOR)))
        .containsExactlyInAnyOrder(WEBHOOK_PORT, OperatorConfig.DEFAULT_ADMIN_PORT);

    HostPort admin = sidecarDefault("adminListen");
    HostPort proxy = sidecarDefault("listen");
    assertThat(admin.port()).isEqualTo(9797);
    assertThat(proxy).isEqualTo(new HostPort("127.0.0.1", 8787));
    assertThat(exposed(dockerfile(SIDECAR)))
        .as("the admin port; the proxy listens on loopback only")
        .containsExactly(admin.port());
  }

  @Test
  void theAotTrainingRunUsesTheEntrypointsJvmFlagsJarAndCache() {
    Dockerfile d = dockerfile(SIDECAR);
    Stage training = d.stage("aot-training");
    assertThat(training.base()).as("trained on the runtime layers").isEqualTo("runtime");
    String script =
        training.all("RUN").stream()
            .map(Instruction::heredoc)
            .filter(h -> h != null && h.contains("AOTCacheOutput"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no training run"));

    Matcher flags = Pattern.compile("(?m)^JVM_FLAGS=\"([^\"]*)\"").matcher(script);
    assertThat(flags.find()).as("JVM_FLAGS in the training run").isTrue();
    List<String> trainingFlags = List.of(flags.group(1).split("\\s+"));
    List<String> entrypoint = entrypoint(d);
    List<String> runtimeFlags =
        entrypoint.subList(1, entrypoint.indexOf("-jar")).stream()
            .filter(f -> !f.startsWith("-XX:AOTCache="))
            .toList();
    assertThat(trainingFlags).isEqualTo(runtimeFlags);
    assertThat(script).contains("java $JVM_FLAGS -XX:AOTCacheOutput=");

    String cache = valueOf(entrypoint, "-XX:AOTCache=");
    assertThat(script).contains("-XX:AOTCacheOutput=" + cache + " -jar " + jarOf(entrypoint));
    Instruction copy =
        d.finalStage().all("COPY").stream()
            .filter(c -> Dockerfile.copyFrom(c).equals(Optional.of("aot-training")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the final image does not copy the cache"));
    assertThat(Dockerfile.copySources(copy)).containsExactly(cache);
    assertThat(Dockerfile.copyDestination(copy)).isEqualTo(cache);
    assertThat(entrypoint).contains("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching");
  }

  @Test
  void theTrainingRunStopsTheSidecarGracefullySoThatTheCacheIsWritten() {
    String script = dockerfile(SIDECAR).stage("aot-training").all("RUN").getFirst().heredoc();
    assertThat(script)
        .contains("kill -TERM \"$sidecar\"")
        .doesNotContain("kill -9")
        .contains("test -s " + valueOf(entrypoint(dockerfile(SIDECAR)), "-XX:AOTCache="));
    for (String operation :
        List.of("/converse", "/converse-stream", "/invoke", "/invoke-with-response-stream")) {
      assertThat(script).as("training exercises %s", operation).contains(operation + " ");
    }
  }

  @Test
  void docsSayHowToBuildAndPushBothImages() {
    String doc = GitOpsFiles.read(GitOpsFiles.ROOT.resolve("docs/images.md"));
    assertThat(doc)
        .contains("./mvnw -B package -DskipTests")
        .contains("-f operator/Dockerfile")
        .contains("-f sidecar/Dockerfile")
        .contains("ghcr.io/costsentry/costsentry-sidecar:0.1.0")
        .contains("ghcr.io/costsentry/costsentry-operator:0.1.0");
  }

  private static Dockerfile dockerfile(Path file) {
    return Dockerfile.parse(GitOpsFiles.read(file));
  }

  private static List<String> entrypoint(Dockerfile d) {
    Instruction entrypoint = d.finalStage().last("ENTRYPOINT");
    return entrypoint
        .execForm()
        .orElseThrow(() -> new AssertionError("ENTRYPOINT is not exec form: " + entrypoint));
  }

  /** The ENV of the final stage, with what it inherits from the stages it is built on. */
  private static Map<String, String> env(Dockerfile d) {
    List<Stage> chain = new ArrayList<>();
    Stage stage = d.finalStage();
    while (stage != null) {
      chain.addFirst(stage);
      String base = stage.base();
      stage = d.stages().stream().filter(s -> base.equals(s.name())).findFirst().orElse(null);
    }
    Map<String, String> env = new LinkedHashMap<>();
    chain.forEach(s -> env.putAll(Dockerfile.env(s)));
    return env;
  }

  private static Set<Integer> exposed(Dockerfile d) {
    Set<Integer> ports = new TreeSet<>();
    for (Instruction expose : d.finalStage().all("EXPOSE")) {
      for (String p : expose.arguments().split("\\s+")) {
        ports.add(Integer.parseInt(p.replace("/tcp", "")));
      }
    }
    return ports;
  }

  private static Instruction onlyCopyOf(Stage stage, String source) {
    List<Instruction> copies =
        stage.all("COPY").stream().filter(c -> Dockerfile.copySources(c).contains(source)).toList();
    assertThat(copies).as("COPY of %s", source).hasSize(1);
    return copies.getFirst();
  }

  private static String valueOf(List<String> args, String prefix) {
    return args.stream()
        .filter(a -> a.startsWith(prefix))
        .map(a -> a.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + " in " + args));
  }

  private static String jarOf(List<String> entrypoint) {
    return entrypoint.get(entrypoint.indexOf("-jar") + 1);
  }

  /** The shade plugin's outputFile of a module, relative to the repository root. */
  private static String shadedJar(String module) throws Exception {
    Path pom = GitOpsFiles.ROOT.resolve(module).resolve("pom.xml");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    NodeList outputs = xml.getElementsByTagName("outputFile");
    assertThat(outputs.getLength()).as("shade outputFile in %s", pom).isEqualTo(1);
    String output = outputs.item(0).getTextContent().strip();
    assertThat(output).startsWith("${project.build.directory}/");
    String jar = module + "/target/" + output.substring("${project.build.directory}/".length());
    Path built = GitOpsFiles.ROOT.resolve(jar);
    if (Files.exists(built)) {
      assertThat(built).as("packaged jar").isRegularFile();
    }
    return jar;
  }

  /**
   * Whether {@code .dockerignore} lets a path into the context: the last matching line wins, {@code
   * !} re-includes; lines are {@code *} or exact paths, all this file uses.
   */
  private static boolean includedInContext(String path, List<String> ignore) {
    boolean included = true;
    for (String line : ignore) {
      boolean negated = line.startsWith("!");
      String pattern = negated ? line.substring(1) : line;
      if (!pattern.equals("*") && pattern.contains("*")) {
        throw new IllegalArgumentException("pattern not understood by this test: " + line);
      }
      if (pattern.equals("*") || pattern.equals(path)) {
        included = negated;
      }
    }
    return included;
  }

  record HostPort(String host, int port) {}

  /** A default of SidecarMain, e.g. {@code ${env:COSTSENTRY_LISTEN:-127.0.0.1:8787}}. */
  private static HostPort sidecarDefault(String field) throws NoSuchFieldException {
    String value =
        SidecarMain.class.getDeclaredField(field).getAnnotation(Option.class).defaultValue();
    Matcher m = Pattern.compile(":-([^}]+):(\\d+)}$").matcher(value);
    assertThat(m.find()).as("default of %s: %s", field, value).isTrue();
    return new HostPort(m.group(1), Integer.parseInt(m.group(2)));
  }
}
