package io.costsentry.operator.report;

/** How a report is written. */
public enum Format {
  TABLE,
  CSV,
  JSON,
  HTML
}
