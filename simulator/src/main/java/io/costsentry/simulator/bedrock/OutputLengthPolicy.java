package io.costsentry.simulator.bedrock;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many output tokens the simulated model wants to produce for a prompt, before the request's
 * {@code maxTokens} caps it.
 */
@FunctionalInterface
public interface OutputLengthPolicy {

  /**
   * The directive tests put in prompt text to choose the output length, e.g. {@code
   * [[sim:output=500]]}.
   */
  Pattern DIRECTIVE = Pattern.compile("\\[\\[sim:output=(\\d{1,7})]]");

  /** Default length when the prompt has no directive. */
  int DEFAULT_OUTPUT_TOKENS = 20;

  /** The simulator's default: the directive if present, else {@link #DEFAULT_OUTPUT_TOKENS}. */
  OutputLengthPolicy DEFAULT = directiveOr(DEFAULT_OUTPUT_TOKENS);

  /**
   * @param promptText all prompt text (system and messages), concatenated
   * @return the number of output tokens the model would produce unconstrained; at least 1
   */
  int desiredOutputTokens(String promptText);

  /**
   * The default policy: the {@code [[sim:output=N]]} directive if present, else {@code fallback}.
   */
  static OutputLengthPolicy directiveOr(int fallback) {
    return promptText -> {
      Matcher matcher = DIRECTIVE.matcher(promptText);
      return matcher.find() ? Math.max(1, Integer.parseInt(matcher.group(1))) : fallback;
    };
  }

  /** Always {@code tokens}, ignoring directives. */
  static OutputLengthPolicy fixed(int tokens) {
    return promptText -> tokens;
  }
}
