package io.costsentry.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bits of an API server the sandbox reimplements, against what kubectl expects. */
class PrinterColumnsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void agesPrintAsKubectlPrintsThem() {
    assertThat(PrinterColumns.age("2026-11-27T11:59:15Z", NOW)).isEqualTo("45s");
    assertThat(PrinterColumns.age("2026-11-27T11:56:40Z", NOW)).isEqualTo("3m20s");
    assertThat(PrinterColumns.age("2026-11-27T11:18:00Z", NOW)).isEqualTo("42m");
    assertThat(PrinterColumns.age("2026-11-27T06:48:00Z", NOW)).isEqualTo("5h12m");
    assertThat(PrinterColumns.age("2026-11-26T06:00:00Z", NOW)).isEqualTo("30h");
    assertThat(PrinterColumns.age("2026-11-24T08:00:00Z", NOW)).isEqualTo("3d4h");
    assertThat(PrinterColumns.age("2026-10-18T12:00:00Z", NOW)).isEqualTo("40d");
    assertThat(PrinterColumns.age("yesterday", NOW)).isEqualTo("yesterday");
  }

  @Test
  void columnPathsReachFieldsAndFilteredConditions() throws Exception {
    JsonNode budget =
        JSON.readTree(
            """
            {"spec":{"enforcement":"Enforce"},
             "status":{"mostUsedPercent":81,"conditions":[
               {"type":"ProfilesReady","status":"False"},{"type":"Ready","status":"True"}]}}""");
    assertThat(PrinterColumns.evaluate(budget, ".spec.enforcement").asText()).isEqualTo("Enforce");
    assertThat(PrinterColumns.evaluate(budget, ".status.mostUsedPercent").asInt()).isEqualTo(81);
    assertThat(
            PrinterColumns.evaluate(budget, ".status.conditions[?(@.type==\"Ready\")].status")
                .asText())
        .isEqualTo("True");
    assertThat(PrinterColumns.evaluate(budget, ".status.missing.deeper")).isNull();
  }

  @Test
  void aMergePatchReplacesSetsAndRemovesAsRfc7386Says() throws Exception {
    JsonNode target =
        JSON.readTree("{\"spec\":{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"list\":[1,2]},\"keep\":true}");
    JsonNode patch = JSON.readTree("{\"spec\":{\"a\":null,\"b\":{\"c\":9},\"list\":[3]}}");
    assertThat(SandboxDispatcher.mergePatch(target, patch))
        .isEqualTo(
            JSON.readTree("{\"spec\":{\"b\":{\"c\":9,\"d\":3},\"list\":[3]},\"keep\":true}"));
  }
}
