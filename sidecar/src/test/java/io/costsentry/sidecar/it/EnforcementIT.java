package io.costsentry.sidecar.it;

import static io.costsentry.sidecar.it.ItSupport.HAIKU_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.CounterState;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.policy.Period;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/** Enforcement against a shared DynamoDB ledger (dynalite), several sidecars, real SDK clients. */
class EnforcementIT {
  static Dynalite dynalite;
  static BedrockSimulator simulator;
  static DynamoDbLedger inspector;
  final List<AutoCloseable> opened = new ArrayList<>();
  final ItSupport.Output output = new ItSupport.Output();
  String table;

  @BeforeAll
  static void startShared() {
    dynalite = Dynalite.start();
    simulator =
        BedrockSimulator.start(SimulatorOptions.builder().tokenDelay(Duration.ofMillis(2)).build());
  }

  @AfterAll
  static void stopShared() {
    simulator.close();
    dynalite.close();
  }

  @BeforeEach
  void freshTable() {
    table = "ledger-" + UUID.randomUUID();
    simulator.reset();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
  }

  private Sidecar sidecar(String costCenter, String policy) throws Exception {
    Path file = ItSupport.writePolicy(policy);
    SidecarConfig config =
        ItSupport.config(
            file,
            simulator.endpoint(),
            costCenter,
            LedgerKind.DYNAMODB,
            dynalite.endpoint(),
            table,
            SidecarConfig.DEFAULT_MAX_REQUEST_BYTES);
    Sidecar sidecar = Sidecar.start(config, ItSupport.env(output));
    opened.add(sidecar);
    return sidecar;
  }

  private BedrockRuntimeClient sync(Sidecar sidecar) {
    BedrockRuntimeClient client = ItSupport.syncClient(sidecar);
    opened.add(client);
    return client;
  }

  private CounterState counter(String counterId, Period period) {
    var client = DynaliteClients.of(dynalite);
    opened.add(client);
    var ledger = new DynamoDbLedger(client, table);
    return ledger.read(new CounterKey(counterId, period.windowAt(Instant.now(), ZoneOffset.UTC)));
  }

  private static String policy(String mode, String limits) {
    return ItSupport.alias("claude-3-5-haiku", HAIKU_ID, "")
        + ItSupport.budget("support", mode, "FailClosed", limits);
  }

  /** Invariant: no overshoot, whatever the concurrency and the number of sidecars. */
  @Test
  void aBurstThroughThreeSidecarsNeverBillsMoreThanTheLimit() throws Exception {
    long limit = 4_000;
    String policy =
        policy("Enforce", "- name: daily-tokens\n  period: Day\n  maxTotalTokens: " + limit);
    List<BedrockRuntimeAsyncClient> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      BedrockRuntimeAsyncClient client = ItSupport.asyncClient(sidecar("support", policy));
      opened.add(client);
      clients.add(client);
    }
    AtomicInteger approved = new AtomicInteger();
    AtomicInteger denied = new AtomicInteger();
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      calls.add(
          clients
              .get(i % 3)
              .converse(
                  ItSupport.converse("claude-3-5-haiku", "burst " + i + " [[sim:output=40]]", 60))
              .handle(
                  (r, e) -> {
                    if (e == null) {
                      approved.incrementAndGet();
                    } else if (e.getCause() instanceof ServiceQuotaExceededException) {
                      denied.incrementAndGet();
                    } else {
                      throw new CompletionException(e);
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

    long billed = simulator.totalInputTokens() + simulator.totalOutputTokens();
    assertThat(approved.get()).isPositive();
    assertThat(denied.get()).isPositive();
    assertThat(billed).isLessThanOrEqualTo(limit);
    assertThat(simulator.calls()).hasSize(approved.get());
    await()
        .untilAsserted(
            () -> {
              CounterState state = counter("budget#support#daily-tokens", Period.DAY);
              assertThat(state.used()).isEqualTo(billed);
              assertThat(state.holds()).isEmpty();
            });
  }

  @Test
  void minuteLimitDeniesWithThrottlingAndRetryAfterWithoutReachingBedrock() throws Exception {
    BedrockRuntimeClient client =
        sync(
            sidecar(
                "support",
                policy(
                    "Enforce",
                    "- name: tokens-per-minute\n  period: Minute\n  maxTotalTokens: 300")));
    // both requests must fall in one minute window
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Instant.now().atZone(ZoneOffset.UTC).getSecond() < 50);
    // settled or still held, the first request leaves too little room for the second one's bound
    client.converse(ItSupport.converse("claude-3-5-haiku", "first [[sim:output=150]]", 200));
    int callsBefore = simulator.calls().size();

    assertThatThrownBy(() -> client.converse(ItSupport.converse("claude-3-5-haiku", "second", 200)))
        .isInstanceOfSatisfying(
            ThrottlingException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("budget 'support'", "limit 'tokens-per-minute'", "resets at");
              long retryAfter =
                  Long.parseLong(
                      e.awsErrorDetails()
                          .sdkHttpResponse()
                          .firstMatchingHeader("Retry-After")
                          .orElseThrow());
              assertThat(retryAfter).isBetween(1L, 60L);
            });
    assertThat(simulator.calls()).hasSize(callsBefore);
  }

  @Test
  void dayLimitDeniesWithServiceQuotaExceeded() throws Exception {
    BedrockRuntimeClient client =
        sync(
            sidecar(
                "support",
                policy("Enforce", "- name: daily-cost\n  period: Day\n  maxCostUSD: 0.0001")));
    assertThatThrownBy(
            () -> client.converse(ItSupport.converse("claude-3-5-haiku", "too dear", 1000)))
        .isInstanceOfSatisfying(
            ServiceQuotaExceededException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("limit 'daily-cost'", "maxCostUSD $0.0001 per Day");
            });
    assertThat(simulator.calls()).isEmpty();
  }

  @Test
  void monitorModeCountsButNeverDenies() throws Exception {
    BedrockRuntimeClient client =
        sync(
            sidecar(
                "support", policy("Monitor", "- name: tiny\n  period: Day\n  maxTotalTokens: 10")));
    for (int i = 0; i < 3; i++) {
      client.converse(ItSupport.converse("claude-3-5-haiku", "over budget [[sim:output=5]]", 20));
    }
    assertThat(simulator.calls()).hasSize(3);
    await()
        .untilAsserted(
            () ->
                assertThat(counter("budget#support#tiny", Period.DAY).used())
                    .isEqualTo(simulator.totalInputTokens() + simulator.totalOutputTokens()));
  }

  @Test
  void upstreamFailureReleasesTheReservation() throws Exception {
    BedrockRuntimeClient client =
        sync(
            sidecar(
                "support",
                policy(
                    "Enforce", "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 100000")));
    simulator.faults().failNext(1, 503, "ServiceUnavailableException", "simulated outage");
    assertThatThrownBy(() -> client.converse(ItSupport.converse("claude-3-5-haiku", "fail", 100)))
        .isInstanceOf(ServiceUnavailableException.class);
    simulator.faults().failNext(1, 429, "ThrottlingException", "simulated throttle");
    assertThatThrownBy(() -> client.converse(ItSupport.converse("claude-3-5-haiku", "fail", 100)))
        .isInstanceOf(ThrottlingException.class);
    await()
        .untilAsserted(
            () ->
                assertThat(counter("budget#support#daily-tokens", Period.DAY))
                    .isEqualTo(CounterState.EMPTY));
  }

  @Test
  void clientThatDisconnectsMidStreamIsStillChargedForTheWholeResponse() throws Exception {
    Sidecar sidecar =
        sidecar(
            "support",
            policy("Enforce", "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 100000"));
    byte[] body =
        ItSupport.utf8(
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"long [[sim:output=150]]\"}]}],"
                + "\"inferenceConfig\":{\"maxTokens\":200}}");
    try (Socket socket = new Socket("127.0.0.1", sidecar.proxyPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /model/claude-3-5-haiku/converse-stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] firstBytes = in.readNBytes(200);
      assertThat(new String(firstBytes, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
    } // the app goes away after the first events
    await()
        .untilAsserted(
            () -> {
              assertThat(simulator.calls()).hasSize(1);
              long billed = simulator.totalInputTokens() + simulator.totalOutputTokens();
              assertThat(simulator.totalOutputTokens()).isEqualTo(150);
              assertThat(counter("budget#support#daily-tokens", Period.DAY).used())
                  .isEqualTo(billed);
            });
    await()
        .until(
            () -> output.audit().stream().anyMatch(l -> l.contains("\"clientDisconnected\":true")));
  }

  @Test
  void aRequestCannotChargeAnotherCostCenter() throws Exception {
    BedrockRuntimeClient client =
        sync(
            sidecar(
                "support",
                policy(
                    "Enforce", "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 100000")));
    assertThatThrownBy(
            () ->
                client.converse(
                    ItSupport.converse("claude-3-5-haiku", "sneaky", 10).toBuilder()
                        .requestMetadata(java.util.Map.of("costCenter", "finance"))
                        .build()))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("'finance'", "'support'"));
    assertThat(simulator.calls()).isEmpty();
  }

  @Test
  void aCostCenterWithoutABudgetIsRefused() throws Exception {
    BedrockRuntimeClient client =
        sync(
            sidecar(
                "marketing",
                policy(
                    "Enforce", "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 100000")));
    assertThatThrownBy(() -> client.converse(ItSupport.converse("claude-3-5-haiku", "hi", 10)))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("marketing");
  }
}
