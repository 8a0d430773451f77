package io.costsentry.operator.cli;

/**
 * A subcommand of {@code costsentry}: a picocli {@code @Command} class with a public no-argument
 * constructor, listed in {@code META-INF/services/io.costsentry.operator.cli.CostSentrySubcommand}.
 * Any module on the class path can add one (the sandbox's {@code local}) without this module
 * knowing it.
 */
public interface CostSentrySubcommand {}
