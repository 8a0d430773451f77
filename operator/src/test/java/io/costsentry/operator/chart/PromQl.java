package io.costsentry.operator.chart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression reads: its series selectors (metric and label matchers) and the labels
 * it groups or matches on. Enough of PromQL for the chart's alerts and dashboard, not a parser of
 * the whole language.
 */
final class PromQl {
  /** {@code label op "value"} inside a selector's braces. */
  record LabelMatcher(String label, String op, String value) {}

  record Selector(String metric, List<LabelMatcher> matchers) {}

  record References(List<Selector> selectors, Set<String> groupingLabels) {}

  private static final Pattern SELECTOR_WITH_MATCHERS =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern MATCHER =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "Inf",
          "NaN");
  private static final String PLACEHOLDER = " ";

  private PromQl() {}

  static References references(String expression) {
    List<Selector> selectors = new ArrayList<>();
    Set<String> grouping = new LinkedHashSet<>();

    Matcher m = SELECTOR_WITH_MATCHERS.matcher(expression);
    StringBuilder rest = new StringBuilder();
    while (m.find()) {
      selectors.add(new Selector(m.group(1), matchers(m.group(2))));
      m.appendReplacement(rest, PLACEHOLDER);
    }
    m.appendTail(rest);

    String withoutRanges = RANGE.matcher(rest).replaceAll(PLACEHOLDER);
    Matcher g = GROUPING.matcher(withoutRanges);
    StringBuilder bare = new StringBuilder();
    while (g.find()) {
      for (String label : g.group(2).split(",")) {
        if (!label.isBlank()) {
          grouping.add(label.strip());
        }
      }
      g.appendReplacement(bare, PLACEHOLDER);
    }
    g.appendTail(bare);

    // What is left: functions, operators, numbers and metrics named without matchers.
    Matcher id = IDENTIFIER.matcher(bare);
    while (id.find()) {
      String name = id.group();
      boolean precededByDigit = id.start() > 0 && Character.isDigit(bare.charAt(id.start() - 1));
      boolean isFunction = bare.substring(id.end()).stripLeading().startsWith("(");
      if (!KEYWORDS.contains(name) && !isFunction && !precededByDigit) {
        selectors.add(new Selector(name, List.of()));
      }
    }
    return new References(List.copyOf(selectors), Set.copyOf(grouping));
  }

  private static List<LabelMatcher> matchers(String inBraces) {
    List<LabelMatcher> matchers = new ArrayList<>();
    for (String part : splitOutsideQuotes(inBraces)) {
      if (part.isBlank()) {
        continue;
      }
      Matcher m = MATCHER.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a label matcher: " + part);
      }
      matchers.add(new LabelMatcher(m.group(1), m.group(2), m.group(3)));
    }
    return matchers;
  }

  private static List<String> splitOutsideQuotes(String s) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted && i + 1 < s.length()) {
        current.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
