package io.costsentry.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costsentry.operator.cli.CostSentryCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * {@code costsentry report} against a running sandbox with its ledger in DynamoDB (dynalite): the
 * calls the sidecar served show up by cost center and application, with the budget beside them.
 */
class SandboxReportE2E {
  @TempDir Path dir;

  @Test
  void theReportShowsWhatTheSandboxsSidecarServed() throws Exception {
    SandboxConfig config =
        new SandboxConfig(
            0,
            0,
            0,
            null,
            "support",
            "report-e2e",
            "dev",
            SandboxConfig.LedgerChoice.DYNAMODB,
            true);
    try (Sandbox sandbox =
            Sandbox.start(
                config,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        BedrockRuntimeClient app =
            BedrockRuntimeClient.builder()
                .endpointOverride(sandbox.bedrockEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("app", "app")))
                .build()) {
      for (int i = 0; i < 3; i++) {
        app.converse(
            r ->
                r.modelId("claude-3-5-haiku")
                    .messages(
                        Message.builder()
                            .role(ConversationRole.USER)
                            .content(ContentBlock.fromText("ticket [[sim:output=100]]"))
                            .build())
                    .inferenceConfig(c -> c.maxTokens(100)));
      }

      Path out = dir.resolve("report.json");
      // The report signs its DynamoDB calls; dynalite takes any key, as the README's command does.
      System.setProperty("aws.accessKeyId", "sandbox");
      System.setProperty("aws.secretAccessKey", "sandbox");
      try {
        JsonNode report =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> report(sandbox, out), r -> r != null && requests(r, "support") == 3);
        JsonNode support = null;
        for (JsonNode c : report.path("costCenters")) {
          if ("support".equals(c.path("costCenter").asText())) {
            support = c;
          }
        }
        assertThat(support).isNotNull();
        assertThat(support.path("ledgerCostUSD").asDouble()).isPositive();
        assertThat(support.path("budget").path("amountUSD").asDouble()).isPositive();
        assertThat(report.toString()).contains("report-e2e");
      } finally {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
      }
    }
  }

  /** {@code costsentry report} as Banner prints it, grouped by cost center and application. */
  private static JsonNode report(Sandbox sandbox, Path out) throws Exception {
    StringWriter err = new StringWriter();
    int exit =
        CostSentryCli.commandLine()
            .setErr(new PrintWriter(err))
            .execute(
                "report",
                "--quiet",
                "--region",
                "us-east-1",
                "--dynamodb-endpoint",
                sandbox.dynamoDbEndpoint().toString(),
                "--group-by",
                "cost-center",
                "--group-by",
                "application",
                "--format",
                "json",
                "--output",
                out.toString());
    assertThat(exit).as(err.toString()).isZero();
    return new ObjectMapper().readTree(Files.readString(out));
  }

  private static long requests(JsonNode report, String costCenter) {
    long n = 0;
    for (JsonNode row : report.path("rows")) {
      if (costCenter.equals(row.path("costCenter").asText())) {
        n += row.path("ledger").path("requests").asLong();
      }
    }
    return n;
  }
}
