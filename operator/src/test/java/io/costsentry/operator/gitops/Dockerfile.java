package io.costsentry.operator.gitops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way BuildKit reads one, as far as the tests need: comments and line
 * continuations, heredocs ({@code RUN <<'EOF'}), {@code ARG} defaults in {@code FROM}, stages.
 */
record Dockerfile(List<String> globalArgs, List<Stage> stages) {
  private static final Pattern HEREDOC = Pattern.compile("<<-?'?\"?(\\w+)'?\"?");

  /** One instruction; {@code heredoc} is the here-document's body, or {@code null}. */
  record Instruction(String keyword, String arguments, String heredoc) {
    /** The arguments of an exec-form (JSON array) instruction, empty for shell form. */
    Optional<List<String>> execForm() {
      String a = arguments.strip();
      if (!a.startsWith("[")) {
        return Optional.empty();
      }
      try {
        return Optional.of(new ObjectMapper().readValue(a, new TypeReference<List<String>>() {}));
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON array: " + a, e);
      }
    }
  }

  /** A build stage: {@code FROM base [AS name]} and what follows up to the next FROM. */
  record Stage(String base, String name, List<Instruction> instructions) {
    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
      List<Instruction> all = all(keyword);
      if (all.isEmpty()) {
        throw new AssertionError("stage " + name + " has no " + keyword);
      }
      return all.getLast();
    }
  }

  static Dockerfile parse(String text) {
    List<String> lines = text.lines().toList();
    List<String> globalArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    List<Instruction> current = null;
    StringBuilder logical = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      logical.append(trimmed);
      String instruction = logical.toString().strip();
      logical.setLength(0);
      if (instruction.isEmpty()) {
        continue;
      }
      String[] parts = instruction.split("\\s+", 2);
      String keyword = parts[0].toUpperCase(Locale.ROOT);
      String arguments = parts.length > 1 ? parts[1] : "";
      String heredoc = null;
      Matcher h = HEREDOC.matcher(arguments);
      if (!keyword.equals("FROM") && h.find()) {
        String delimiter = h.group(1);
        StringBuilder body = new StringBuilder();
        while (!lines.get(++i).equals(delimiter)) {
          body.append(lines.get(i)).append('\n');
        }
        heredoc = body.toString();
      }
      if (keyword.equals("FROM")) {
        String[] from = arguments.split("\\s+");
        String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
        current = new ArrayList<>();
        stages.add(new Stage(resolve(from[0], globalArgs), name, current));
      } else if (current == null) {
        if (keyword.equals("ARG")) {
          globalArgs.add(arguments);
        }
      } else {
        current.add(new Instruction(keyword, arguments, heredoc));
      }
    }
    return new Dockerfile(List.copyOf(globalArgs), List.copyOf(stages));
  }

  Stage finalStage() {
    return stages.getLast();
  }

  Stage stage(String name) {
    return stages.stream()
        .filter(s -> name.equals(s.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + name));
  }

  /** A global ARG's default, e.g. {@code BASE_IMAGE}. */
  Optional<String> argDefault(String name) {
    return globalArgs.stream()
        .filter(a -> a.startsWith(name + "="))
        .map(a -> a.substring(name.length() + 1))
        .findFirst();
  }

  /** {@code COPY [--from=x] source... destination}: the sources, flags left out. */
  static List<String> copySources(Instruction copy) {
    List<String> words = new ArrayList<>(List.of(copy.arguments().split("\\s+")));
    words.removeIf(w -> w.startsWith("--"));
    return words.subList(0, words.size() - 1);
  }

  static String copyDestination(Instruction copy) {
    String[] words = copy.arguments().split("\\s+");
    return words[words.length - 1];
  }

  static Optional<String> copyFrom(Instruction copy) {
    for (String w : copy.arguments().split("\\s+")) {
      if (w.startsWith("--from=")) {
        return Optional.of(w.substring("--from=".length()));
      }
    }
    return Optional.empty();
  }

  /** {@code ENV KEY="value"} of a stage, the last one of each key. */
  static Map<String, String> env(Stage stage) {
    Map<String, String> env = new LinkedHashMap<>();
    Pattern pair = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");
    for (Instruction i : stage.all("ENV")) {
      Matcher m = pair.matcher(i.arguments());
      while (m.find()) {
        env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
      }
    }
    return env;
  }

  private static String resolve(String image, List<String> args) {
    String resolved = image;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq > 0) {
        resolved = resolved.replace("${" + arg.substring(0, eq) + "}", arg.substring(eq + 1));
      }
    }
    return resolved;
  }
}
