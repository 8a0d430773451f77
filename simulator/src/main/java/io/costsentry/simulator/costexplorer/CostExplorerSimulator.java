package io.costsentry.simulator.costexplorer;

import io.costsentry.simulator.awsjson.AwsJsonFaults;
import io.costsentry.simulator.awsjson.AwsJsonHandler;
import io.costsentry.simulator.awsjson.AwsJsonServer;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wire-level fake of AWS Cost Explorer ({@code ce}, AWS JSON 1.1, {@code X-Amz-Target:
 * AWSInsightsIndexService.<Op>}, aws-wire.md §6) that the real {@code CostExplorerClient} accepts
 * through {@code endpointOverride}: {@code GetCostAndUsage} over seeded {@link BilledLineItem}s,
 * {@code ListCostAllocationTags} and {@code UpdateCostAllocationTagsStatus}.
 *
 * <p>Behaves as Cost Explorer does where it matters to a client: a tag key becomes a known
 * (inactive) cost allocation tag once a billed line carries it; its values show in TAG groups and
 * Tags filters only while it is active (before, every line is {@code costCenter$}); activating an
 * active tag changes nothing; amounts are strings; results page with {@code NextPageToken} (page
 * size {@link #pageSize(int)}); a token used with a changed request is {@code
 * RequestChangedException}. Calls must be SigV4-signed for {@code ce} (not verified further).
 *
 * <pre>{@code
 * try (CostExplorerSimulator ce = CostExplorerSimulator.start()) {
 *   ce.addLines(List.of(BilledLineItem.of(LocalDate.parse("2025-01-02"),
 *       "Claude 3.5 Haiku (Amazon Bedrock Edition)", "1.25", Map.of("costCenter", "support"))));
 *   ce.activateTags("costCenter");
 *   CostExplorerClient client = CostExplorerClient.builder()
 *       .endpointOverride(ce.endpoint()).region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(
 *           AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
 *       .build();
 *   ...
 *   ce.callCount("GetCostAndUsage");
 *   ce.faults().failAlways("GetCostAndUsage", new AwsJsonError(400, "AccessDeniedException", "..."));
 * }
 * }</pre>
 */
public final class CostExplorerSimulator implements AutoCloseable {
  public static final String TARGET_PREFIX = "AWSInsightsIndexService";
  public static final String SIGNING_NAME = "ce";
  public static final String GET_COST_AND_USAGE = "GetCostAndUsage";
  public static final String LIST_COST_ALLOCATION_TAGS = "ListCostAllocationTags";
  public static final String UPDATE_COST_ALLOCATION_TAGS_STATUS = "UpdateCostAllocationTagsStatus";
  private static final String LOOPBACK = "127.0.0.1";

  private final List<BilledLineItem> lines = new CopyOnWriteArrayList<>();
  private final CostAllocationTags tags;
  private final AwsJsonFaults faults = new AwsJsonFaults();
  private final AtomicInteger pageSize = new AtomicInteger(1000);
  private final AwsJsonHandler handler;
  private final AwsJsonServer server;

  private CostExplorerSimulator(String host, int port, Clock clock) {
    tags = new CostAllocationTags(clock);
    GetCostAndUsage costAndUsage =
        new GetCostAndUsage(() -> List.copyOf(lines), tags, clock, pageSize::get);
    TagOperations tagOperations = new TagOperations(tags);
    handler =
        new AwsJsonHandler(
            TARGET_PREFIX,
            SIGNING_NAME,
            Map.of(
                GET_COST_AND_USAGE, costAndUsage::call,
                LIST_COST_ALLOCATION_TAGS, tagOperations::list,
                UPDATE_COST_ALLOCATION_TAGS_STATUS, tagOperations::update),
            faults);
    server = AwsJsonServer.start("Cost Explorer simulator", host, port, handler);
  }

  /** Starts on a free loopback port, with the system clock. */
  public static CostExplorerSimulator start() {
    return start(LOOPBACK, 0, Clock.systemUTC());
  }

  /**
   * @param clock decides which periods are {@code Estimated} (not before the current month) and the
   *     tags' {@code LastUpdatedDate}
   * @throws IllegalStateException when the port cannot be bound
   */
  public static CostExplorerSimulator start(String host, int port, Clock clock) {
    return new CostExplorerSimulator(host, port, clock);
  }

  /** The base URI to give SDK clients as {@code endpointOverride}. */
  public URI endpoint() {
    return server.endpoint();
  }

  /** Adds billed lines; their tag keys become known, inactive cost allocation tags. */
  public void addLines(Collection<BilledLineItem> items) {
    for (BilledLineItem item : items) {
      item.tags().keySet().forEach(key -> tags.seen(key, item.day()));
    }
    lines.addAll(items);
  }

  /** Activates tag keys as if someone did it in the console (registering unknown ones). */
  public void activateTags(String... keys) {
    for (String key : keys) {
      tags.register(key, CostAllocationTags.ACTIVE);
    }
  }

  /** Makes tag keys known and inactive, as tags that were applied to resources but never billed. */
  public void registerInactiveTags(String... keys) {
    for (String key : keys) {
      tags.register(key, CostAllocationTags.INACTIVE);
    }
  }

  /** Whether {@code key} is an active cost allocation tag. */
  public boolean isTagActive(String key) {
    return tags.isActive(key);
  }

  /** How many results (period × group entries) one GetCostAndUsage page holds; default 1000. */
  public void pageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("page size must be at least 1");
    }
    pageSize.set(size);
  }

  /** Errors to answer calls with. */
  public AwsJsonFaults faults() {
    return faults;
  }

  /**
   * Calls received of {@code operation}, e.g. {@link #GET_COST_AND_USAGE}, failed ones included.
   */
  public int callCount(String operation) {
    return handler.callCount(operation);
  }

  /** Forgets lines, tags, faults and call counts; the page size goes back to 1000. */
  public void reset() {
    lines.clear();
    tags.clear();
    faults.clear();
    handler.resetCallCounts();
    pageSize.set(1000);
  }

  @Override
  public void close() {
    server.close();
  }
}
