package io.costsentry.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.Enforcement;
import io.costsentry.crds.v1alpha1.InferenceProfileStatus;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.costsentry.crds.v1alpha1.LimitUnit;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.operator.CostSentryOperator;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import io.costsentry.operator.budget.ProfileNames;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.SidecarEnvironment;
import io.costsentry.sidecar.config.HostPort;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.MetricsOutput;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.RecordedCall;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.bedrock.controlplane.ApplicationProfile;
import io.costsentry.simulator.bedrock.controlplane.BedrockControlPlaneSimulator;
import io.costsentry.simulator.dynamodb.Dynalite;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operator → sidecar contract end to end, with real parts in one JVM: the JOSDK operator
 * against the Fabric8 mock API server (CRUD mode) and the Bedrock control-plane simulator, a
 * sidecar without a policy file (it enforces the records the operator writes to the shared dynalite
 * table), the Bedrock Runtime simulator upstream, and an app using the AWS SDK's {@code
 * BedrockRuntimeClient} through the sidecar. Each test has its own cost center and sidecar.
 *
 * <p>Every approved call asks for {@value #MAX_TOKENS} output tokens and the simulator answers
 * exactly that many, so the output-token limits below are reached after a known number of calls.
 */
class SidecarEnforcesOperatorLimitsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TABLE = "costsentry-ledger";
  private static final String ALIAS = "claude-3-5-haiku";
  private static final int MAX_TOKENS = 25;
  private static final String OUTPUT_LIMIT = "daily-output-tokens";
  private static final String COST_LIMIT = "daily-cost";

  // The built-in on-demand list prices of Claude 3.5 Haiku, USD per 1M tokens.
  private static final BigDecimal HAIKU_INPUT_PRICE = new BigDecimal("0.80");
  private static final BigDecimal HAIKU_OUTPUT_PRICE = new BigDecimal("4.00");

  private static final StaticCredentialsProvider SIDECAR_CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              SimulatorOptions.DEFAULT_ACCESS_KEY_ID, SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY));

  private static KubernetesMockServer server;
  private static KubernetesClient client;
  private static Dynalite dynalite;
  private static DynamoDbClient dynamo;
  private static DynamoDbPolicyStore store;
  private static BedrockControlPlaneSimulator controlPlane;
  private static BedrockInferenceProfiles profiles;
  private static BedrockSimulator runtime;
  private static Operator operator;

  @BeforeAll
  static void start() throws IOException {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    server.expectCustomResource(
        CustomResourceDefinitionContext.fromCustomResourceType(ModelAlias.class));
    server.expectCustomResource(
        CustomResourceDefinitionContext.fromCustomResourceType(CostCenterBudget.class));
    client = server.createClient();

    dynalite = Dynalite.start();
    dynamo = DynaliteClients.of(dynalite);
    DynamoDbLedger ledger = new DynamoDbLedger(dynamo, TABLE);
    ledger.ensureTable();
    store = new DynamoDbPolicyStore(dynamo, TABLE);
    controlPlane = BedrockControlPlaneSimulator.start();
    profiles =
        BedrockInferenceProfiles.create(
            Region.US_EAST_1,
            controlPlane.endpoint(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    runtime = BedrockSimulator.start(SimulatorOptions.defaults());

    // Leader election off, usage read into status every second.
    OperatorConfig config =
        OperatorConfig.defaults()
            .withLeaderElection(false)
            .withStatusRefreshInterval(Duration.ofSeconds(1));
    operator = CostSentryOperator.create(client, profiles, store, ledger, config);
    operator.start();

    // kubectl apply -f examples/budgets.yaml, the ModelAlias part
    client.resource(exampleAlias(ALIAS)).create();
    await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resources(ModelAlias.class).withName(ALIAS).get(),
            a -> a != null && a.getStatus() != null && isTrue(a.getStatus().getConditions()));
  }

  @AfterAll
  static void stop() {
    close(operator == null ? null : operator::stop);
    close(client);
    close(server == null ? null : server::destroy);
    close(profiles);
    close(runtime);
    close(controlPlane);
    close(dynamo);
    close(dynalite);
  }

  @Test
  void callsGoToTheCostCentersProfileUntilTheLimitTheOperatorWroteDeniesThem() throws Exception {
    // The budget's name differs from its cost center: denials name the budget.
    client.resource(budget("team-enforce", "cc-enforce", "Enforce", 100)).create();
    CostCenterBudget ready = awaitBudget("team-enforce", b -> isTrue(b, "ProfilesReady"));
    assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
    String arn = profileArn(ready);
    ApplicationProfile profile = controlPlane.profiles().get(ProfileNames.of("cc-enforce", ALIAS));
    assertThat(profile).as("the operator created the cost center's profile").isNotNull();
    assertThat(profile.arn()).isEqualTo(arn).contains(":application-inference-profile/");
    assertThat(profile.tags())
        .containsEntry("costCenter", "cc-enforce")
        .containsEntry("managed-by", "costsentry");

    try (Sidecar sidecar = startSidecar("cc-enforce");
        BedrockRuntimeClient app = app(sidecar)) {
      for (int i = 1; i <= 4; i++) {
        ConverseResponse response = app.converse(converse("enforce call " + i));
        assertThat(response.usage().outputTokens()).isEqualTo(MAX_TOKENS);
      }
      // 4 x 25 tokens settled or held: the next 25 would cross the limit of 100
      assertThatThrownBy(() -> app.converse(converse("enforce denied")))
          .isInstanceOfSatisfying(
              ServiceQuotaExceededException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("ServiceQuotaExceededException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .contains("budget 'team-enforce'")
                    .contains("limit '" + OUTPUT_LIMIT + "'")
                    .contains("maxOutputTokens 100 tokens per Day")
                    .contains("100 tokens used or reserved")
                    .contains("window resets at");
              });
    }

    List<RecordedCall> approved = callsMentioning("enforce call ");
    assertThat(approved).hasSize(4);
    assertThat(approved)
        .allSatisfy(
            c -> {
              assertThat(c.modelId()).as("routed to the profile").isEqualTo(arn);
              assertThat(c.httpStatus()).isEqualTo(200);
            });
    assertThat(callsMentioning("enforce denied"))
        .as("a denied call never reaches Bedrock")
        .isEmpty();
  }

  @Test
  void statusShowsTheUsageTheSidecarSettledAndEventsAnnounceTheThresholds() throws Exception {
    client.resource(budget("team-status", "team-status", "Enforce", 100)).create();
    awaitBudget("team-status", b -> isTrue(b, "ProfilesReady"));

    try (Sidecar sidecar = startSidecar("team-status");
        BedrockRuntimeClient app = app(sidecar)) {
      spend(app, "status call ", 4);
      assertThatThrownBy(() -> app.converse(converse("status denied")))
          .isInstanceOf(ServiceQuotaExceededException.class);
    }

    List<RecordedCall> billed = callsMentioning("status call ");
    assertThat(billed).hasSize(4);
    BigDecimal expectedUsd = billed.stream().map(c -> costUsd(c)).reduce(BigDecimal::add).get();
    CostCenterBudget refreshed =
        awaitBudget("team-status", b -> limit(b, OUTPUT_LIMIT).getPercent() == 100);
    LimitStatus tokens = limit(refreshed, OUTPUT_LIMIT);
    assertThat(tokens.getUnit()).isEqualTo(LimitUnit.TOKENS);
    assertThat(tokens.getUsed()).isEqualByComparingTo("100");
    assertThat(tokens.getLimit()).isEqualByComparingTo("100");
    assertThat(tokens.getWindowEnd()).isNotBlank();
    LimitStatus cost = limit(refreshed, COST_LIMIT);
    assertThat(cost.getUnit()).isEqualTo(LimitUnit.USD);
    assertThat(cost.getUsed())
        .as("cost of what Bedrock reported")
        .isEqualByComparingTo(expectedUsd);
    assertThat(cost.getLimit()).isEqualByComparingTo("5");
    assertThat(refreshed.getStatus().getMostUsedLimit()).isEqualTo(OUTPUT_LIMIT);
    assertThat(refreshed.getStatus().getMostUsedPercent()).isEqualTo(100);
    Condition exceeded = condition(refreshed, "BudgetExceeded");
    assertThat(exceeded.getStatus()).isEqualTo("True");
    assertThat(exceeded.getReason()).isEqualTo("LimitReached");
    assertThat(exceeded.getMessage()).contains(OUTPUT_LIMIT);
    assertThat(condition(refreshed, "Degraded").getStatus()).isEqualTo("False");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(thresholdEvents("team-status"))
                    .extracting(e -> e.getType() + " " + threshold(e.getMessage()))
                    .containsExactlyInAnyOrder("Normal 50%", "Normal 80%", "Warning 100%"));
    assertThat(thresholdEvents("team-status"))
        .allSatisfy(
            e ->
                assertThat(e.getMessage())
                    .startsWith("cost center team-status: limit " + OUTPUT_LIMIT + " is at ")
                    .contains(tokens.getWindowStart()));
  }

  @Test
  void raisingTheLimitInTheSpecLetsTheSidecarAllowCallsAgain() throws Exception {
    client.resource(budget("team-raise", "team-raise", "Enforce", 50)).create();
    String arn = profileArn(awaitBudget("team-raise", b -> isTrue(b, "ProfilesReady")));

    try (Sidecar sidecar = startSidecar("team-raise");
        BedrockRuntimeClient app = app(sidecar)) {
      spend(app, "raise call ", 2);
      assertThatThrownBy(() -> app.converse(converse("raise denied")))
          .isInstanceOf(ServiceQuotaExceededException.class);
      awaitBudget("team-raise", b -> "True".equals(condition(b, "BudgetExceeded").getStatus()));

      editBudget("team-raise", b -> b.getSpec().getLimits().get(0).setMaxOutputTokens(100L));

      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(store.read().budgets().get("team-raise"))
                      .contains("\"maxOutputTokens\":100"));
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () ->
                  assertThatCode(() -> app.converse(converse("raise call after")))
                      .doesNotThrowAnyException());
    }

    assertThat(callsMentioning("raise denied")).isEmpty();
    assertThat(callsMentioning("raise call ")).hasSize(3).allMatch(c -> arn.equals(c.modelId()));
    CostCenterBudget raised =
        awaitBudget(
            "team-raise",
            b ->
                b.getStatus().getObservedGeneration().equals(b.getMetadata().getGeneration())
                    && limit(b, OUTPUT_LIMIT).getPercent() == 75);
    assertThat(raised.getMetadata().getGeneration()).isGreaterThan(1);
    assertThat(limit(raised, OUTPUT_LIMIT).getLimit()).isEqualByComparingTo("100");
    assertThat(limit(raised, OUTPUT_LIMIT).getUsed()).isEqualByComparingTo("75");
    assertThat(condition(raised, "BudgetExceeded").getStatus()).isEqualTo("False");
    assertThat(condition(raised, "BudgetExceeded").getReason()).isEqualTo("WithinLimits");
  }

  @Test
  void switchingToMonitorCountsUsagePastTheLimitButNeverDenies() throws Exception {
    client.resource(budget("team-monitor", "team-monitor", "Enforce", 50)).create();
    String arn = profileArn(awaitBudget("team-monitor", b -> isTrue(b, "ProfilesReady")));

    try (Sidecar sidecar = startSidecar("team-monitor");
        BedrockRuntimeClient app = app(sidecar)) {
      spend(app, "monitor call ", 2);
      assertThatThrownBy(() -> app.converse(converse("monitor denied")))
          .isInstanceOf(ServiceQuotaExceededException.class);

      editBudget("team-monitor", b -> b.getSpec().setEnforcement(Enforcement.MONITOR));

      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () ->
                  assertThatCode(() -> app.converse(converse("monitor call 3")))
                      .doesNotThrowAnyException());
      // past the limit: counted, never denied
      for (int i = 4; i <= 6; i++) {
        app.converse(converse("monitor call " + i));
      }
    }

    assertThat(callsMentioning("monitor denied")).isEmpty();
    assertThat(callsMentioning("monitor call ")).hasSize(6).allMatch(c -> arn.equals(c.modelId()));
    CostCenterBudget counted =
        awaitBudget("team-monitor", b -> limit(b, OUTPUT_LIMIT).getPercent() == 300);
    assertThat(limit(counted, OUTPUT_LIMIT).getUsed()).isEqualByComparingTo("150");
    assertThat(limit(counted, OUTPUT_LIMIT).getLimit()).isEqualByComparingTo("50");
    assertThat(counted.getStatus().getMostUsedPercent()).isEqualTo(300);
    assertThat(condition(counted, "BudgetExceeded").getStatus()).isEqualTo("True");
  }

  // --- the app, the sidecar and what the simulator saw

  /** A sidecar of the given cost center with no policy file: it reads the operator's records. */
  private static Sidecar startSidecar(String costCenter) throws Exception {
    SidecarConfig config =
        new SidecarConfig(
            new HostPort("127.0.0.1", 0),
            new HostPort("127.0.0.1", 0),
            runtime.endpoint(),
            "us-east-1",
            LedgerKind.DYNAMODB,
            dynalite.endpoint(),
            TABLE,
            false,
            null,
            costCenter,
            "chat",
            "test",
            Set.of(MetricsOutput.EMF),
            SidecarConfig.DEFAULT_MAX_REQUEST_BYTES,
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            false,
            Duration.ofMillis(200),
            // a patient ledger: the test is about limits, not about a machine too busy for dynalite
            Duration.ofSeconds(15));
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    return Sidecar.start(config, new SidecarEnvironment(SIDECAR_CREDENTIALS, discard, null));
  }

  /** An unmodified app: the SDK's defaults, pointed at the sidecar, with its own credentials. */
  private static BedrockRuntimeClient app(Sidecar sidecar) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + sidecar.proxyPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAPP", "app-secret")))
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private static ConverseRequest converse(String text) {
    return ConverseRequest.builder()
        .modelId(ALIAS)
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text + " [[sim:output=" + MAX_TOKENS + "]]"))
                .build())
        .inferenceConfig(c -> c.maxTokens(MAX_TOKENS))
        .build();
  }

  private static void spend(BedrockRuntimeClient app, String prefix, int calls) {
    for (int i = 1; i <= calls; i++) {
      try {
        app.converse(converse(prefix + i));
      } catch (BedrockRuntimeException e) {
        throw new AssertionError("call " + i + " of " + calls + " was refused: " + e, e);
      }
    }
  }

  /** Calls the runtime simulator received whose prompt contains {@code text}. */
  private static List<RecordedCall> callsMentioning(String text) {
    return runtime.calls().stream().filter(c -> c.bodyAsString().contains(text)).toList();
  }

  /** What a call costs at the built-in prices, rounded up to a micro-USD as the ledger does. */
  private static BigDecimal costUsd(RecordedCall call) {
    assertThat(call.usage().cacheReadInputTokens() + call.usage().cacheWriteInputTokens()).isZero();
    BigDecimal micros =
        HAIKU_INPUT_PRICE
            .multiply(BigDecimal.valueOf(call.usage().inputTokens()))
            .add(HAIKU_OUTPUT_PRICE.multiply(BigDecimal.valueOf(call.usage().outputTokens())))
            .setScale(0, RoundingMode.CEILING);
    return micros.movePointLeft(6);
  }

  // --- resources

  /** A ModelAlias as {@code examples/budgets.yaml} declares it. */
  private static ModelAlias exampleAlias(String name) throws IOException {
    String yaml = Files.readString(Path.of("../examples/budgets.yaml"));
    return Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.contains("kind: ModelAlias") && doc.contains("name: " + name + "\n"))
        .map(doc -> Serialization.unmarshal(doc, ModelAlias.class))
        .findFirst()
        .orElseThrow(() -> new AssertionError("examples/budgets.yaml has no ModelAlias " + name));
  }

  /** A budget with a daily output-token limit (the one reached) and a daily cost limit. */
  private static CostCenterBudget budget(
      String name, String costCenter, String enforcement, long maxOutputTokens) {
    return Serialization.unmarshal(
        """
        apiVersion: costsentry.io/v1alpha1
        kind: CostCenterBudget
        metadata:
          name: %s
        spec:
          costCenter: %s
          enforcement: %s
          failurePolicy: FailClosed
          limits:
            - name: %s
              period: Day
              maxOutputTokens: %d
            - name: %s
              period: Day
              maxCostUSD: 5
          alertThresholds: [50, 80, 100]
          inferenceProfiles:
            enabled: true
            aliases: [%s]
        """
            .formatted(
                name, costCenter, enforcement, OUTPUT_LIMIT, maxOutputTokens, COST_LIMIT, ALIAS),
        CostCenterBudget.class);
  }

  /** {@code kubectl edit}: a change of the spec, the status left to the operator. */
  private static void editBudget(String name, Consumer<CostCenterBudget> change) {
    client
        .resources(CostCenterBudget.class)
        .withName(name)
        .edit(
            b -> {
              change.accept(b);
              return b;
            });
  }

  private static String profileArn(CostCenterBudget budget) {
    List<InferenceProfileStatus> list = budget.getStatus().getInferenceProfiles();
    assertThat(list).extracting(InferenceProfileStatus::getAlias).containsExactly(ALIAS);
    return list.get(0).getArn();
  }

  private static CostCenterBudget awaitBudget(String name, Predicate<CostCenterBudget> done) {
    return await()
        .atMost(TIMEOUT)
        .ignoreExceptionsInstanceOf(NullPointerException.class)
        .until(
            () -> client.resources(CostCenterBudget.class).withName(name).get(),
            b ->
                b != null
                    && b.getStatus() != null
                    && b.getStatus().getConditions() != null
                    && done.test(b));
  }

  private static LimitStatus limit(CostCenterBudget budget, String name) {
    return budget.getStatus().getLimits().stream()
        .filter(l -> name.equals(l.getName()))
        .findFirst()
        .orElseThrow();
  }

  private static List<Event> thresholdEvents(String budget) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> budget.equals(e.getInvolvedObject().getName()))
        .filter(e -> "ThresholdCrossed".equals(e.getReason()))
        .toList();
  }

  /** The alert threshold an Event's message names, e.g. {@code 80%}. */
  private static String threshold(String message) {
    int at = message.indexOf("(alert threshold ");
    return at < 0 ? message : message.substring(at + 17, message.indexOf(')', at));
  }

  private static boolean isTrue(CostCenterBudget budget, String type) {
    Condition c = condition(budget, type);
    return c != null && "True".equals(c.getStatus());
  }

  private static Condition condition(CostCenterBudget budget, String type) {
    return budget.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static boolean isTrue(List<Condition> conditions) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void close(AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("while closing " + resource + ": " + e);
    }
  }
}
