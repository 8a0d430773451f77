package io.costsentry.operator.report;

/** Writes a {@link Report} in one {@link Format}. */
public interface ReportRenderer {
  String render(Report report);

  static ReportRenderer of(Format format) {
    return switch (format) {
      case TABLE -> new TableRenderer();
      case CSV -> new CsvRenderer();
      case JSON -> new JsonRenderer();
      case HTML -> new HtmlRenderer();
    };
  }
}
