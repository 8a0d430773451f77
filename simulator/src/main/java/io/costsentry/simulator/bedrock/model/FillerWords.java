package io.costsentry.simulator.bedrock.model;

import java.util.ArrayList;
import java.util.List;

/** Deterministic response text: a fixed word list, cycled, one output token per word. */
final class FillerWords {
  private static final String[] WORDS =
      ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut"
              + " labore et dolore magna aliqua")
          .split(" ");

  private FillerWords() {}

  /** {@code count} tokens; every token but the first starts with a space. */
  static List<String> tokens(int count) {
    List<String> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String word = WORDS[i % WORDS.length];
      tokens.add(i == 0 ? word : " " + word);
    }
    return tokens;
  }
}
