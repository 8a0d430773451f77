package io.costsentry.operator.report;

import io.costsentry.operator.report.Report.Row;
import java.util.List;

/**
 * The report's rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold
 * a comma, a quote or a line break, quotes doubled), one header line, exact figures, no total line
 * (a spreadsheet adds up the rows; a total row would be counted twice).
 */
public final class CsvRenderer implements ReportRenderer {
  private static final String CRLF = "\r\n";

  @Override
  public String render(Report report) {
    List<Columns> columns = Columns.of(report);
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", columns.stream().map(c -> field(c.csvName())).toList()))
        .append(CRLF);
    for (Row row : report.rows()) {
      out.append(String.join(",", columns.stream().map(c -> field(c.exact(row))).toList()))
          .append(CRLF);
    }
    return out.toString();
  }

  static String field(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
