package io.costsentry.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileNamesTest {

  @Test
  void simpleNamesAreReadable() {
    assertThat(ProfileNames.of("support", "claude-3-5-haiku"))
        .isEqualTo("cs-support-claude-3-5-haiku");
  }

  @Test
  void charactersBedrockRefusesAreReplacedAndAHashKeepsNamesApart() {
    String dotted = ProfileNames.of("team.a", "nova-lite");
    String dashed = ProfileNames.of("team-a", "nova-lite");
    assertThat(dotted).startsWith("cs-team-a-nova-lite-").isNotEqualTo(dashed);
    assertThat(ProfileNames.isValid(dotted)).isTrue();
    assertThat(ProfileNames.of("a//b@c", "x")).matches("cs-a-b-c-x-[0-9a-f]{8}");
  }

  @Test
  void longNamesAreCutTo64WithAHash() {
    String cc = "c".repeat(100);
    String name = ProfileNames.of(cc, "claude-3-5-haiku");
    assertThat(name).hasSizeLessThanOrEqualTo(64).matches("cs-c+-[0-9a-f]{8}");
    assertThat(ProfileNames.isValid(name)).isTrue();
    assertThat(ProfileNames.of(cc, "other")).isNotEqualTo(name);
  }

  @Test
  void namesAreDeterministic() {
    assertThat(ProfileNames.of("ünïcode cc", "a")).isEqualTo(ProfileNames.of("ünïcode cc", "a"));
    assertThat(ProfileNames.isValid(ProfileNames.of("ünïcode cc", "a"))).isTrue();
  }
}
