package io.costsentry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.costsentry.core.ledger.DynamoDbLedger;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The operator's DynamoDB client waits for a slow DynamoDB the sidecar's client gives up on. */
class OperatorDynamoDbTest {
  /** Longer than the ledger client's 1 s attempt timeout, shorter than the operator's. */
  private static final long ANSWER_AFTER_MS = 1_500;

  private HttpServer slow;
  private DynamoDbLedger.Settings settings;

  @BeforeEach
  void startSlowDynamoDb() throws Exception {
    slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slow.setExecutor(Executors.newCachedThreadPool());
    slow.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          try {
            Thread.sleep(ANSWER_AFTER_MS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8); // GetItem: no item
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    slow.start();
    URI endpoint = URI.create("http://127.0.0.1:" + slow.getAddress().getPort());
    settings = new DynamoDbLedger.Settings(endpoint, "t", false, Region.US_EAST_1);
  }

  @AfterEach
  void stop() {
    slow.stop(0);
  }

  @Test
  void aSlowAnswerTheSidecarsClientGivesUpOnReachesTheOperator() {
    try (DynamoDbClient operator = build(OperatorDynamoDb.clientBuilder(settings));
        DynamoDbClient sidecar = build(DynamoDbLedger.clientBuilder(settings))) {
      assertThat(operator.getItem(r -> r.tableName("t").key(key())).hasItem()).isFalse();
      assertThatThrownBy(() -> sidecar.getItem(r -> r.tableName("t").key(key())))
          .isInstanceOf(SdkClientException.class);
    }
  }

  private static DynamoDbClient build(DynamoDbClientBuilder builder) {
    return builder
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .build();
  }

  private static Map<String, AttributeValue> key() {
    return Map.of("pk", AttributeValue.fromS("k"));
  }
}
