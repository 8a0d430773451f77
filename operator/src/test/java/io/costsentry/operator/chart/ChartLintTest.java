package io.costsentry.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

  @Test
  void passesStrictLintWithNothingWorseThanInformation() {
    LintResult result = Chart.lintStrict();

    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .allSatisfy(message -> assertThat(message).startsWith("[INFO]"));
  }
}
