package io.costsentry.operator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.crds.v1alpha1.Condition;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DriftRuleTest {
  private static final BillingPeriod PERIOD =
      new BillingPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-26"));
  private final DriftRule rule = new DriftRule(BigDecimal.TEN, BigDecimal.ONE);

  private Condition judge(String billed, String ledger, LedgerSpend.Accuracy accuracy) {
    return rule.judge(
        new BigDecimal(billed), new LedgerSpend.Figure(new BigDecimal(ledger), accuracy), PERIOD);
  }

  @Test
  void withinBothTolerancesIsNoDrift() {
    Condition c = judge("105", "100", LedgerSpend.Accuracy.EXACT);
    assertThat(c.getType()).isEqualTo("BillingDrift");
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo(DriftRule.WITHIN_TOLERANCE);
    assertThat(c.getMessage()).contains("billed 105 USD", "ledger 100 USD", "2026-11-01");
  }

  @Test
  void smallSumsNeverDriftBelowTheDollarTolerance() {
    assertThat(judge("0.90", "0.10", LedgerSpend.Accuracy.EXACT).getStatus()).isEqualTo("False");
  }

  @Test
  void aBillAboveTheLedgerBeyondTenPercentDrifts() {
    Condition c = judge("112", "100", LedgerSpend.Accuracy.EXACT);
    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getReason()).isEqualTo(DriftRule.BILL_ABOVE_LEDGER);
  }

  @Test
  void aBillBelowAnExactLedgerDriftsButNotBelowAnUpperBound() {
    assertThat(judge("80", "100", LedgerSpend.Accuracy.EXACT).getReason())
        .isEqualTo(DriftRule.BILL_BELOW_LEDGER);
    Condition bound = judge("80", "100", LedgerSpend.Accuracy.UPPER_BOUND);
    assertThat(bound.getStatus()).isEqualTo("False");
    assertThat(bound.getMessage()).contains("ledger at most 100 USD");
    assertThat(judge("130", "100", LedgerSpend.Accuracy.UPPER_BOUND).getStatus()).isEqualTo("True");
  }
}
