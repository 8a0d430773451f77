package io.costsentry.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/costsentry and the kubectl plugin run the packaged jar's command line. */
class LauncherIT {
  private static final Path BIN = Path.of("..", "bin").toAbsolutePath().normalize();

  private static String run(String launcher, String... args) throws Exception {
    var command = new java.util.ArrayList<String>();
    command.add(BIN.resolve(launcher).toString());
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void theKubectlPluginShowsTheReportsHelpUnderItsKubectlName() throws Exception {
    assertThat(Path.of("target", "costsentry-operator.jar")).exists();
    assertThat(Files.isExecutable(BIN.resolve("kubectl-costsentry"))).isTrue();

    String help = run("kubectl-costsentry", "report", "--help");

    assertThat(help)
        .startsWith("Spend, tokens and requests from the ledger and the bill")
        .contains("Usage: kubectl costsentry report [OPTIONS]")
        .contains("--group-by", "--source", "--format", "--output", "--cost-center")
        .contains("--dynamodb-table", "--dynamodb-endpoint", "--region")
        .contains("ce:GetCostAndUsage");
  }

  @Test
  void costsentryListsTheReportCommand() throws Exception {
    assertThat(run("costsentry", "--help"))
        .contains("Usage: costsentry [-hV] [COMMAND]")
        .containsPattern("report +Spend, tokens and requests");
  }
}
