package io.costsentry.operator.webhook.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label selectors select as the API server's do, and print as kubectl prints them. */
class LabelSelectorsTest {
  private static final Map<String, String> SALES =
      Map.of("costsentry.io/cost-center", "sales", "team", "emea");

  @Test
  void absentSelectsNothingAndEmptySelectsEverything() {
    assertThat(LabelSelectors.matches(null, SALES)).isFalse();
    assertThat(LabelSelectors.matches(selector("{}"), SALES)).isTrue();
    assertThat(LabelSelectors.matches(selector("{}"), Map.of())).isTrue();
    assertThat(LabelSelectors.describe(null)).isEqualTo("<none>");
    assertThat(LabelSelectors.describe(selector("{}"))).isEqualTo("<everything>");
  }

  @Test
  void matchLabelsAndEveryOperatorMustAllHold() {
    LabelSelector s =
        selector(
            """
            {"matchLabels":{"costsentry.io/cost-center":"sales"},
             "matchExpressions":[
               {"key":"team","operator":"In","values":["emea","apac"]},
               {"key":"tier","operator":"NotIn","values":["sandbox"]},
               {"key":"team","operator":"Exists"},
               {"key":"legacy","operator":"DoesNotExist"}]}""");
    assertThat(LabelSelectors.matches(s, SALES)).isTrue();
    assertThat(LabelSelectors.matches(s, Map.of("costsentry.io/cost-center", "sales"))).isFalse();
    assertThat(LabelSelectors.matches(s, with("tier", "sandbox"))).isFalse();
    assertThat(LabelSelectors.matches(s, with("legacy", ""))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("team", "emea"))).isFalse();
    assertThat(LabelSelectors.describe(s))
        .isEqualTo(
            "costsentry.io/cost-center=sales,team in (emea,apac),tier notin (sandbox),team,!legacy");
  }

  @Test
  void anUnknownOperatorSelectsNothing() {
    assertThat(
            LabelSelectors.matches(
                selector("{\"matchExpressions\":[{\"key\":\"team\",\"operator\":\"Gt\"}]}"), SALES))
        .isFalse();
  }

  private static Map<String, String> with(String key, String value) {
    var m = new java.util.HashMap<>(SALES);
    m.put(key, value);
    return m;
  }

  private static LabelSelector selector(String json) {
    return Serialization.unmarshal(json, LabelSelector.class);
  }
}
