package io.costsentry.operator.billing;

import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudgetStatus;
import io.costsentry.operator.status.Conditions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The BillingDrift condition, from the bill and the ledger's figure over the same days: drift when
 * they differ by more than both tolerances, the percentage (of the larger figure) and the dollars.
 * A ledger figure that is only an {@link LedgerSpend.Accuracy#UPPER_BOUND upper bound} can show
 * only one kind of drift: a bill above it.
 */
public final class DriftRule {
  public static final String BILL_ABOVE_LEDGER = "BillAboveLedger";
  public static final String BILL_BELOW_LEDGER = "BillBelowLedger";
  public static final String WITHIN_TOLERANCE = "WithinTolerance";
  public static final String NOT_COMPARABLE = "NotComparable";
  public static final String BILL_NOT_READ = "BillNotRead";
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final BigDecimal percent;
  private final BigDecimal usd;

  public DriftRule(BigDecimal percent, BigDecimal usd) {
    this.percent = percent;
    this.usd = usd;
  }

  public Condition judge(BigDecimal billed, LedgerSpend.Figure ledger, BillingPeriod period) {
    String days = period.start() + " to " + period.end() + " (exclusive)";
    BigDecimal diff = billed.subtract(ledger.usd());
    BigDecimal larger = billed.max(ledger.usd());
    BigDecimal allowed =
        usd.max(larger.multiply(percent).divide(HUNDRED, MathContext.DECIMAL64))
            .setScale(6, RoundingMode.HALF_UP)
            .stripTrailingZeros();
    String figures =
        "billed "
            + plain(billed)
            + " USD, ledger "
            + (ledger.accuracy() == LedgerSpend.Accuracy.UPPER_BOUND ? "at most " : "")
            + plain(ledger.usd())
            + " USD for "
            + days
            + "; tolerance "
            + plain(allowed)
            + " USD";
    if (diff.compareTo(allowed) > 0) {
      return condition(
          true,
          BILL_ABOVE_LEDGER,
          figures + ": spend reached Bedrock without going through CostSentry, or prices differ");
    }
    if (diff.negate().compareTo(allowed) > 0 && ledger.accuracy() == LedgerSpend.Accuracy.EXACT) {
      return condition(
          true,
          BILL_BELOW_LEDGER,
          figures + ": the ledger counts more than AWS billed (prices or untagged profiles?)");
    }
    return condition(false, WITHIN_TOLERANCE, figures);
  }

  public static Condition notComparable() {
    return condition(
        false,
        NOT_COMPARABLE,
        "no unscoped UTC Day or Month cost limit: the ledger has no figure to compare the bill"
            + " with");
  }

  public static Condition billNotRead(String why) {
    return condition(false, BILL_NOT_READ, "no bill read from Cost Explorer yet: " + why);
  }

  private static Condition condition(boolean status, String reason, String message) {
    return Conditions.of(CostCenterBudgetStatus.CONDITION_BILLING_DRIFT, status, reason, message);
  }

  private static String plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
