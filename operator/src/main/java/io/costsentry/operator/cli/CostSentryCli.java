package io.costsentry.operator.cli;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code costsentry}: the command-line entry point ({@code bin/costsentry}, and {@code kubectl
 * costsentry} through {@code bin/kubectl-costsentry}). Its subcommands are found with {@link
 * ServiceLoader} ({@link CostSentrySubcommand}), so each lives in its own module and package.
 */
@Command(
    name = "costsentry",
    mixinStandardHelpOptions = true,
    version = "costsentry 0.1.0",
    usageHelpWidth = 110,
    description = {
      "CostSentry keeps Amazon Bedrock spending inside budgets per cost center, application,"
          + " environment and model.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Run 'costsentry COMMAND --help' for a command's options. Exit codes: 0 done, 1 failed,"
          + " 2 bad usage, 3 missing AWS credentials or permissions."
    })
public final class CostSentryCli implements Runnable {
  /** The launcher sets this to {@code kubectl costsentry} when run as a kubectl plugin. */
  public static final String NAME_PROPERTY = "costsentry.command.name";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with every subcommand found on the class path. */
  public static CommandLine commandLine() {
    return commandLine(
        ServiceLoader.load(CostSentrySubcommand.class).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(c -> c.getClass().getName()))
            .toList());
  }

  /** The command line with the given subcommands (tests configure theirs). */
  public static CommandLine commandLine(List<? extends CostSentrySubcommand> subcommands) {
    CommandLine cli = new CommandLine(new CostSentryCli());
    cli.setCommandName(System.getProperty(NAME_PROPERTY, "costsentry"));
    subcommands.forEach(cli::addSubcommand);
    // after adding the subcommands: picocli applies parser settings to the ones present
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // the last of a repeated option wins, so wrappers and aliases can add defaults in front
    cli.setOverwrittenOptionsAllowed(true);
    return cli;
  }

  public static void main(String[] args) {
    // The AWS SDK logs through SLF4J; a command line shows only what goes wrong.
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.exit(commandLine().execute(args));
  }
}
