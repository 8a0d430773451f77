package io.costsentry.simulator.bedrock.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.simulator.bedrock.OutputLengthPolicy;
import io.costsentry.simulator.bedrock.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class UsageModelTest {
  private final UsageModel model =
      new UsageModel(
          OutputLengthPolicy.directiveOr(20),
          Duration.ofMillis(100),
          Duration.ofMillis(10),
          new PromptCache());

  private static Prompt prompt(String text, OptionalInt maxTokens) {
    return new Prompt.Builder().text(text).build(maxTokens);
  }

  @Test
  void inputTokensAreAQuarterOfTheUtf8BytesRoundedUp() {
    assertThat(UsageModel.tokens("")).isZero();
    assertThat(UsageModel.tokens("abcd")).isEqualTo(1);
    assertThat(UsageModel.tokens("abcde")).isEqualTo(2);
    // "é" is 2 bytes, "€" 3: 5 bytes → 2 tokens
    assertThat(UsageModel.tokens("é€")).isEqualTo(2);
  }

  @Test
  void inputTokensNeverExceedTheByteCountAndAreAtLeastOne() {
    for (String text : new String[] {"", "a", "hello world", "日本語のテキスト", "x".repeat(1001)}) {
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      Usage usage = model.complete("m", prompt(text, OptionalInt.empty()), 100).usage();
      assertThat(usage.inputTokens()).isBetween(1, Math.max(1, bytes));
    }
  }

  @Test
  void outputDefaultsToTwentyTokensOfFillerText() {
    Completion completion = model.complete("m", prompt("Hello", OptionalInt.empty()), 4096);

    assertThat(completion.usage().outputTokens()).isEqualTo(20);
    assertThat(completion.tokens()).hasSize(20);
    assertThat(completion.text().split(" ")).hasSize(20);
    assertThat(completion.stopReason()).isEqualTo(StopReason.END_TURN);
  }

  @Test
  void directiveChoosesTheOutputLengthAndMaxTokensCapsIt() {
    Completion uncapped =
        model.complete("m", prompt("go [[sim:output=7]]", OptionalInt.empty()), 4096);
    Completion capped =
        model.complete("m", prompt("go [[sim:output=500]]", OptionalInt.of(30)), 4096);

    assertThat(uncapped.usage().outputTokens()).isEqualTo(7);
    assertThat(capped.usage().outputTokens()).isEqualTo(30);
    assertThat(capped.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
  }

  @Test
  void cachedPrefixIsWrittenOnceThenReadAndKeptOutOfInputTokens() {
    Prompt cached =
        new Prompt.Builder()
            .text("x".repeat(400))
            .cachePoint()
            .text("question")
            .build(OptionalInt.empty());

    Usage first = model.complete("model-a", cached, 100).usage();
    Usage second = model.complete("model-a", cached, 100).usage();
    Usage otherModel = model.complete("model-b", cached, 100).usage();

    assertThat(first).isEqualTo(new Usage(2, 20, 0, 100));
    assertThat(second).isEqualTo(new Usage(2, 20, 100, 0));
    assertThat(otherModel.cacheWriteInputTokens()).isEqualTo(100);
  }

  @Test
  void latencyIsFirstTokenDelayPlusTokenDelayBetweenTokens() {
    Completion completion =
        model.complete("m", prompt("[[sim:output=5]]", OptionalInt.empty()), 100);

    assertThat(completion.firstTokenLatency()).isEqualTo(Duration.ofMillis(100));
    assertThat(completion.latency()).isEqualTo(Duration.ofMillis(140));
    assertThat(model.delayBeforeToken(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(model.delayBeforeToken(3)).isEqualTo(Duration.ofMillis(10));
  }
}
