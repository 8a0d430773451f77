package io.costsentry.operator.billing;

import io.costsentry.operator.bedrock.PermanentAwsException;
import io.costsentry.operator.bedrock.TransientAwsException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bedrock bill of every cost center, read with one (paged) GetCostAndUsage call per refresh
 * interval for all budgets: Cost Explorer charges per call and updates about daily. A failure is
 * remembered and not retried before the retry interval: an access-denied answer must not turn into
 * a paid call on every reconcile. The last good bill stays in use meanwhile.
 */
public final class BillCache {
  private static final Logger log = LoggerFactory.getLogger(BillCache.class);

  /**
   * @param period the days billed
   * @param retrievedAt when Cost Explorer answered
   * @param byCostCenter USD per costCenter tag value; a cost center without spend is absent
   */
  public record Bill(
      BillingPeriod period, Instant retrievedAt, Map<String, BigDecimal> byCostCenter) {
    public Bill {
      byCostCenter = Map.copyOf(byCostCenter);
    }

    /** What the cost center was billed: zero when the bill has no line for it. */
    public BigDecimal of(String costCenter) {
      return byCostCenter.getOrDefault(costCenter, BigDecimal.ZERO);
    }
  }

  /**
   * @param bill the last bill read, if any
   * @param problem why the last attempt failed, or {@code null}
   */
  public record Snapshot(Optional<Bill> bill, Problem problem) {}

  private final CostExplorer costExplorer;
  private final Clock clock;
  private final Throttle throttle;
  private Bill bill;
  private Problem problem;

  public BillCache(CostExplorer costExplorer, BillingConfig config, Clock clock) {
    this.costExplorer = costExplorer;
    this.clock = clock;
    this.throttle = new Throttle(config.refreshInterval(), config.retryInterval());
  }

  /** The bill, read from Cost Explorer when due or when its period has moved on. */
  public synchronized Snapshot current() {
    Instant now = clock.instant();
    BillingPeriod period = BillingPeriod.at(now);
    boolean stale = bill != null && !bill.period().equals(period);
    if (throttle.due(now) || (stale && problem == null)) {
      read(period, now);
    }
    return new Snapshot(Optional.ofNullable(bill), problem);
  }

  private void read(BillingPeriod period, Instant now) {
    try {
      CostExplorer.BedrockBill answer =
          costExplorer.bedrockCostByCostCenter(period.start(), period.end());
      bill = new Bill(period, now, answer.byCostCenter());
      problem = null;
      throttle.succeeded(now);
      log.info(
          "Bedrock bill {} to {} read for {} cost center(s), services {}",
          period.start(),
          period.end(),
          answer.byCostCenter().size(),
          answer.services());
    } catch (PermanentAwsException | TransientAwsException e) {
      problem = Problem.of("CostExplorer", e);
      throttle.failed(now);
      log.warn("Bedrock bill not read, next attempt in the retry interval: {}", e.getMessage());
    }
  }
}
