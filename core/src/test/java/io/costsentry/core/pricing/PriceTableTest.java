package io.costsentry.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTableTest {
  private static final PriceTable TABLE = PriceTable.builtIn();

  @Test
  void claude35HaikuCostsItsListPrice() {
    Pricing p = TABLE.lookup("anthropic.claude-3-5-haiku-20241022-v1:0").orElseThrow();
    assertThat(p.inputPerMillion()).isEqualByComparingTo("0.80");
    assertThat(p.outputPerMillion()).isEqualByComparingTo("4.00");
    assertThat(p.cacheReadPerMillion()).isEqualByComparingTo("0.08");
    assertThat(p.cacheWritePerMillion()).isEqualByComparingTo("1.00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "eu.anthropic.claude-3-5-haiku-20241022-v1:0",
        "apac.anthropic.claude-3-5-haiku-20241022-v1:0",
        "us-gov.anthropic.claude-3-5-haiku-20241022-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "  anthropic.claude-3-5-haiku-20241022-v1:0 "
      })
  void profileIdsAndArnsResolveToTheirFoundationModel(String reference) {
    assertThat(TABLE.lookup(reference))
        .isEqualTo(TABLE.lookup("anthropic.claude-3-5-haiku-20241022-v1:0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "anthropic.claude-3-5-haiku-20241022",
        "anthropic.claude-3-5-haiku-20241022-v1",
        "anthropic.claude-3-5-haiku-20241022-v2:0",
        "anthropic.claude-3-5-haiku",
        "mistral.mistral-large-2407-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
        "",
        "   "
      })
  void unknownVersionsModelsAndApplicationProfilesHaveNoBuiltInPrice(String reference) {
    assertThat(TABLE.lookup(reference)).isEmpty();
  }

  @Test
  void nullHasNoPrice() {
    assertThat(TABLE.lookup(null)).isEmpty();
  }

  @Test
  void everyRequestedModelIsListed() {
    List<String> models =
        List.of(
            "anthropic.claude-3-haiku-20240307-v1:0",
            "anthropic.claude-3-5-haiku-20241022-v1:0",
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
            "anthropic.claude-3-7-sonnet-20250219-v1:0",
            "anthropic.claude-sonnet-4-20250514-v1:0",
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            "anthropic.claude-haiku-4-5-20251001-v1:0",
            "anthropic.claude-opus-4-20250514-v1:0",
            "anthropic.claude-opus-4-1-20250805-v1:0",
            "amazon.nova-micro-v1:0",
            "amazon.nova-lite-v1:0",
            "amazon.nova-pro-v1:0",
            "amazon.nova-premier-v1:0",
            "meta.llama3-1-8b-instruct-v1:0",
            "meta.llama3-1-70b-instruct-v1:0",
            "meta.llama3-2-1b-instruct-v1:0",
            "meta.llama3-2-3b-instruct-v1:0",
            "meta.llama3-2-11b-instruct-v1:0",
            "meta.llama3-2-90b-instruct-v1:0",
            "meta.llama3-3-70b-instruct-v1:0");
    assertThat(TABLE.modelIds()).containsAll(models);
  }

  @Test
  void anthropicCachePricesFollowTheListRatios() {
    for (String id : TABLE.modelIds()) {
      if (id.contains("anthropic.")) {
        Pricing p = TABLE.lookup(id).orElseThrow();
        assertThat(p.cacheWritePerMillion())
            .as(id)
            .isEqualByComparingTo(p.inputPerMillion().multiply(new BigDecimal("1.25")));
        assertThat(p.cacheReadPerMillion())
            .as(id)
            .isEqualByComparingTo(p.inputPerMillion().multiply(new BigDecimal("0.1")));
      }
    }
  }

  @Test
  void novaReadsTheCacheAtAQuarterOfInputAndWritesItFree() {
    Pricing lite = TABLE.lookup("us.amazon.nova-lite-v1:0").orElseThrow();
    assertThat(lite.inputPerMillion()).isEqualByComparingTo("0.06");
    assertThat(lite.outputPerMillion()).isEqualByComparingTo("0.24");
    assertThat(lite.cacheReadPerMillion()).isEqualByComparingTo("0.015");
    assertThat(lite.cacheWritePerMillion()).isEqualByComparingTo("0");
  }

  @Test
  void llamaHasNoCachePricesSoCacheTokensCostInput() {
    Pricing llama = TABLE.lookup("meta.llama3-3-70b-instruct-v1:0").orElseThrow();
    assertThat(llama.cacheReadPerMillion()).isEqualByComparingTo(llama.inputPerMillion());
    assertThat(llama.cacheWritePerMillion()).isEqualByComparingTo(llama.inputPerMillion());
  }

  @Test
  void globalProfilesOfSonnet45AreCheaperThanGeographicOnes() {
    Pricing global = TABLE.lookup("global.anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow();
    Pricing us = TABLE.lookup("us.anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow();
    assertThat(global.inputPerMillion()).isEqualByComparingTo("3.00");
    assertThat(us.inputPerMillion()).isEqualByComparingTo("3.30");
    assertThat(
            TABLE.lookup(
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                    + "global.anthropic.claude-sonnet-4-5-20250929-v1:0"))
        .contains(global);
  }

  @Test
  void aMillionTokensCostTheListedPrice() {
    Pricing haiku = TABLE.lookup("anthropic.claude-3-5-haiku-20241022-v1:0").orElseThrow();
    assertThat(haiku.costMicros(new TokenUsage(1_000_000, 1_000_000, 0, 0))).isEqualTo(4_800_000L);
  }

  @Test
  void foundationModelIdStripsArnsAndGeographies() {
    assertThat(
            PriceTable.foundationModelId(
                "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-pro-v1:0"))
        .isEqualTo("amazon.nova-pro-v1:0");
    assertThat(PriceTable.foundationModelId("global.anthropic.claude-opus-4-1-20250805-v1:0"))
        .isEqualTo("anthropic.claude-opus-4-1-20250805-v1:0");
  }

  @Test
  void aCustomTableServesOverrides() {
    PriceTable table = PriceTable.of(Map.of("x.model-v1:0", Pricing.of("1", "2", null, null)));
    assertThat(table.lookup("us.x.model-v1:0")).isPresent();
    assertThat(table.lookup("anthropic.claude-3-5-haiku-20241022-v1:0")).isEmpty();
  }
}
