package io.costsentry.operator.report;

import io.costsentry.core.usage.UsageDimensions;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** A dimension a report groups by, as named on the command line and in CSV/JSON output. */
public enum GroupBy {
  COST_CENTER("cost-center", "costCenter", "Cost center", UsageDimensions::costCenter),
  APPLICATION("application", "applicationId", "Application", UsageDimensions::applicationId),
  ENVIRONMENT("environment", "environment", "Environment", UsageDimensions::environment),
  MODEL("model", "model", "Model", UsageDimensions::model);

  private final String option;
  private final String field;
  private final String title;
  private final Function<UsageDimensions, String> value;

  GroupBy(String option, String field, String title, Function<UsageDimensions, String> value) {
    this.option = option;
    this.field = field;
    this.title = title;
    this.value = value;
  }

  /** The command-line spelling: {@code cost-center}, {@code application}, ... */
  public String option() {
    return option;
  }

  /** The JSON field and (snake-cased) CSV column of this dimension. */
  public String field() {
    return field;
  }

  public String title() {
    return title;
  }

  public String valueOf(UsageDimensions dimensions) {
    return value.apply(dimensions);
  }

  /** Accepts the command-line spelling, case-insensitively. */
  public static GroupBy parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(g -> g.option.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown group '"
                        + text
                        + "': use cost-center, application, environment or model"));
  }

  @Override
  public String toString() {
    return option;
  }
}
