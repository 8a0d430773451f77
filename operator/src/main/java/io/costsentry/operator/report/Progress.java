package io.costsentry.operator.report;

import java.io.PrintWriter;

/**
 * Progress of a report's queries, on stderr so that stdout stays the report. Silent with {@code
 * --quiet}.
 */
public final class Progress {
  private final PrintWriter err;
  private final boolean quiet;

  public Progress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  public static Progress silent() {
    return new Progress(new PrintWriter(java.io.Writer.nullWriter()), true);
  }

  public void step(String message, Object... args) {
    if (!quiet) {
      err.println("costsentry: " + String.format(message, args));
      err.flush();
    }
  }

  /** Always shown: something the reader of the report should know. */
  public void warn(String message) {
    err.println("costsentry: warning: " + message);
    err.flush();
  }
}
