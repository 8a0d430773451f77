package io.costsentry.operator.report;

import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.usage.DailyUsage;
import io.costsentry.core.usage.DynamoDbUsageStore;
import io.costsentry.operator.OperatorDynamoDb;
import io.costsentry.operator.cli.CostSentrySubcommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code costsentry report}: spend, tokens and requests from the ledger and the bill. */
@Command(
    name = "report",
    header = "Spend, tokens and requests from the ledger and the bill: table, CSV, JSON or HTML.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Spend, tokens and requests by cost center, application, environment and model over a"
          + " period: from the ledger (real time: what the sidecars settled), from AWS Cost"
          + " Explorer (billed, grouped by the costCenter cost allocation tag), or both side by"
          + " side with the drift between them. Days are UTC days.",
      "AWS region and credentials come from the standard AWS chain (AWS_PROFILE, AWS_REGION, SSO,"
          + " instance or pod roles). Progress goes to stderr, the report to stdout or --output.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  costsentry report                                     month to date, by cost center",
      "  costsentry report --group-by cost-center,model --from 2026-11-01 --to 2026-11-15",
      "  costsentry report --source both --format html --output november.html",
      "  kubectl costsentry report --cost-center support --format csv",
      "",
      "IAM: dynamodb:Query on the ledger table; ce:GetCostAndUsage for --source billed|both.",
      "Exit codes: 0 done, 1 failed, 2 bad usage, 3 missing AWS credentials or permissions."
    })
public final class ReportCommand implements Callable<Integer>, CostSentrySubcommand {

  @Option(
      names = "--from",
      paramLabel = "DATE",
      converter = DateConverter.class,
      description = "First day (YYYY-MM-DD, UTC, included). Default: the 1st of --to's month.")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      converter = DateConverter.class,
      description = "Last day (YYYY-MM-DD, UTC, included). Default: today.")
  LocalDate to;

  @Option(
      names = "--group-by",
      split = ",",
      paramLabel = "DIMENSION",
      converter = GroupByConverter.class,
      defaultValue = "cost-center",
      description =
          "One or more of cost-center, application, environment, model (comma-separated or"
              + " repeated), in that order of columns. Default: ${DEFAULT-VALUE}.")
  List<GroupBy> groupBy;

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      defaultValue = "ledger",
      description =
          "ledger (real time), billed (Cost Explorer) or both (side by side with drift; billed"
              + " and both group by cost center only). Default: ${DEFAULT-VALUE}.")
  Source source;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv, json or html (one page with charts). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of stdout.")
  Path output;

  @Option(
      names = "--cost-center",
      split = ",",
      paramLabel = "NAME",
      description = "Only these cost centers (comma-separated or repeated). Default: all.")
  List<String> costCenters = new ArrayList<>();

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "${env:COSTSENTRY_REGION}",
      description =
          "AWS region of the ledger table (env COSTSENTRY_REGION, default AWS_REGION / the AWS"
              + " chain).")
  String region;

  @Option(
      names = "--dynamodb-table",
      paramLabel = "TABLE",
      defaultValue = "${env:COSTSENTRY_DYNAMODB_TABLE:-costsentry-ledger}",
      description = "Ledger table (env COSTSENTRY_DYNAMODB_TABLE, default ${DEFAULT-VALUE}).")
  String table;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:COSTSENTRY_DYNAMODB_ENDPOINT}",
      description = "DynamoDB endpoint (env COSTSENTRY_DYNAMODB_ENDPOINT, default regional).")
  URI dynamoDbEndpoint;

  @Option(
      names = "--cost-explorer-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:COSTSENTRY_COST_EXPLORER_ENDPOINT}",
      description =
          "Cost Explorer endpoint (env COSTSENTRY_COST_EXPLORER_ENDPOINT, default"
              + " https://ce.us-east-1.amazonaws.com).")
  URI costExplorerEndpoint;

  @Option(
      names = "--cost-explorer-region",
      paramLabel = "REGION",
      defaultValue = "${env:COSTSENTRY_COST_EXPLORER_REGION:-us-east-1}",
      description =
          "Region Cost Explorer is signed for (env COSTSENTRY_COST_EXPLORER_REGION, default"
              + " ${DEFAULT-VALUE}: Cost Explorer is a global service served from there).")
  String costExplorerRegion;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress on stderr (warnings and errors are still shown).")
  boolean quiet;

  @Option(names = "--debug", description = "On failure, print the stack trace too.")
  boolean debug;

  @Spec CommandSpec spec;

  private final Supplier<AwsCredentialsProvider> credentials;
  private final Clock clock;

  /** As the launcher runs it: the default AWS credential chain, the system clock. */
  public ReportCommand() {
    this(() -> DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
  }

  /** With given credentials and clock (tests, embedding). */
  public ReportCommand(Supplier<AwsCredentialsProvider> credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    ReportRequest request;
    try {
      request =
          new ReportRequest(
              ReportPeriod.of(from, to, clock), source, groupBy, new LinkedHashSet<>(costCenters));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, quiet);
    try {
      Report report = produce(request, progress);
      String text = ReportRenderer.of(format).render(report);
      if (output != null) {
        Files.writeString(output, text, StandardCharsets.UTF_8);
        progress.step(
            "wrote %s report to %s", format.name().toLowerCase(java.util.Locale.ROOT), output);
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
      }
      return 0;
    } catch (IOException e) {
      err.println(spec.qualifiedName() + ": cannot write " + output + ": " + e.getMessage());
      return ReportErrors.FAILED;
    } catch (RuntimeException e) {
      ReportErrors.Failure failure = ReportErrors.describe(e, table, region);
      err.println(spec.qualifiedName() + ": " + failure.message());
      if (debug) {
        e.printStackTrace(err);
      }
      err.flush();
      return failure.exitCode();
    }
  }

  private Report produce(ReportRequest request, Progress progress) {
    AwsCredentialsProvider creds = credentials.get();
    List<String> notes = new ArrayList<>();
    List<DailyUsage> usage = List.of();
    Map<String, CostBudget> budgets = Map.of();
    BilledResult billed = BilledResult.NONE;
    try (DynamoDbClient dynamoDb = dynamoDb(creds)) {
      if (request.source().ledger()) {
        usage = new LedgerUsage(new DynamoDbUsageStore(dynamoDb, table), progress).read(request);
      }
      try {
        budgets =
            new BudgetLimits(new DynamoDbPolicyStore(dynamoDb, table), progress)
                .read(request.period());
      } catch (RuntimeException e) {
        // The budgets only add the percent-of-budget figures: a report without them still helps.
        String why = ReportErrors.describe(e, table, region).message();
        progress.warn("budgets left out: " + why);
        notes.add("Budgets could not be read, so percent of budget is missing: " + why);
      }
    }
    if (request.source().billed()) {
      try (CostExplorerClient ce = costExplorer(creds)) {
        billed = new CostExplorerSpend(ce, progress).read(request.period());
      }
    }
    return ReportBuilder.build(request, usage, billed, budgets, clock.instant(), notes);
  }

  private DynamoDbClient dynamoDb(AwsCredentialsProvider creds) {
    DynamoDbLedger.Settings settings =
        new DynamoDbLedger.Settings(
            dynamoDbEndpoint,
            table,
            false,
            region == null || region.isBlank() ? null : Region.of(region));
    return OperatorDynamoDb.clientBuilder(settings).credentialsProvider(creds).build();
  }

  private CostExplorerClient costExplorer(AwsCredentialsProvider creds) {
    CostExplorerClientBuilder builder =
        CostExplorerClient.builder()
            .httpClientBuilder(Apache5HttpClient.builder())
            .region(Region.of(costExplorerRegion))
            .credentialsProvider(creds);
    if (costExplorerEndpoint != null) {
      builder.endpointOverride(costExplorerEndpoint);
    }
    return builder.build();
  }

  /** {@code YYYY-MM-DD}, with a message that says so. */
  static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a date: use YYYY-MM-DD, e.g. 2026-11-01");
      }
    }
  }

  static final class GroupByConverter implements CommandLine.ITypeConverter<GroupBy> {
    @Override
    public GroupBy convert(String value) {
      try {
        return GroupBy.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
