package io.costsentry.operator.it;

import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import io.costsentry.operator.bedrock.InferenceProfiles;
import io.costsentry.simulator.bedrock.controlplane.ApplicationProfile;
import io.costsentry.simulator.bedrock.controlplane.BedrockControlPlaneSimulator;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real parts the operator talks to in integration tests: the Bedrock control-plane simulator
 * behind the real {@code BedrockClient} adapter, and dynalite behind the DynamoDB ledger and policy
 * store (one table, as in production).
 */
final class ItParts implements AutoCloseable {
  static final String TABLE = "costsentry-ledger";

  private final BedrockControlPlaneSimulator simulator;
  private final Dynalite dynalite;
  private final DynamoDbClient dynamo;
  private final DynamoDbLedger ledger;
  private final DynamoDbPolicyStore store;
  private final InferenceProfiles bedrock;

  private ItParts(BedrockControlPlaneSimulator simulator, Dynalite dynalite) {
    this.simulator = simulator;
    this.dynalite = dynalite;
    this.dynamo = DynaliteClients.of(dynalite);
    this.ledger = new DynamoDbLedger(dynamo, TABLE);
    ledger.ensureTable();
    this.store = new DynamoDbPolicyStore(dynamo, TABLE);
    this.bedrock = BedrockInferenceProfiles.create(Region.US_EAST_1, simulator.endpoint());
  }

  static ItParts start() {
    // The simulator does not check signatures, but the SDK needs credentials to sign with.
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "secret");
    System.setProperty("aws.region", BedrockControlPlaneSimulator.REGION);
    return new ItParts(BedrockControlPlaneSimulator.start(), Dynalite.start());
  }

  InferenceProfiles bedrock() {
    return bedrock;
  }

  PolicyStore store() {
    return store;
  }

  Ledger ledger() {
    return ledger;
  }

  /**
   * Calls that validate a model id that is not an inference profile id. ({@code
   * GetInferenceProfile} also checks budgets' profiles by ARN, so it does not count here.)
   */
  int resolveCalls() {
    return simulator.callCount("GetFoundationModel");
  }

  Map<String, String> profileTags(String name) {
    ApplicationProfile p = simulator.profiles().get(name);
    return p == null ? Map.of() : p.tags();
  }

  String profileArn(String name) {
    return simulator.profiles().get(name).arn();
  }

  boolean profileExists(String name) {
    return simulator.profiles().containsKey(name);
  }

  /** Someone edits a profile's tags outside CostSentry. */
  void setTags(String arn, Map<String, String> tags) {
    simulator.setTags(arn, tags);
  }

  void throttleNext(int calls) {
    simulator.faults().throttleNext(calls);
  }

  /** Answers every call of {@code operation} with the error until {@link #lift}. */
  void failEvery(String operation, int status, String shape, String message) {
    simulator.faults().failEvery(operation, status, shape, message);
  }

  void lift(String operation) {
    simulator.faults().lift(operation);
  }

  /** Calls Bedrock received for {@code operation}, e.g. {@code CreateInferenceProfile}. */
  int callCount(String operation) {
    return simulator.callCount(operation);
  }

  @Override
  public void close() {
    dynamo.close();
    dynalite.close();
    simulator.close();
  }
}
