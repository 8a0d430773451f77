package io.costsentry.operator.report;

/** Where a report's spend comes from. */
public enum Source {
  /** The ledger's daily usage rollup: real time, what the sidecars settled. */
  LEDGER,
  /** Cost Explorer, grouped by the costCenter cost allocation tag: what AWS billed. */
  BILLED,
  /** Both, side by side, with the drift between them. */
  BOTH;

  public boolean ledger() {
    return this != BILLED;
  }

  public boolean billed() {
    return this != LEDGER;
  }

  public String option() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
