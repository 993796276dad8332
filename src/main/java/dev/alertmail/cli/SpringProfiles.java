package dev.alertmail.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The profiles given with {@code --profile}, and whether a {@code <springProfile name="...">}
 * applies: a comma list of names or expressions with {@code !}, {@code &} and {@code |} as Spring
 * writes them. Parentheses are not evaluated: such a section is reported, not guessed.
 */
record SpringProfiles(Set<String> active) {

  static SpringProfiles of(String profiles) {
    if (profiles == null || profiles.isBlank()) {
      return new SpringProfiles(Set.of("default"));
    }
    return new SpringProfiles(
        Arrays.stream(profiles.split(","))
            .map(String::strip)
            .filter(p -> !p.isEmpty())
            .collect(Collectors.toUnmodifiableSet()));
  }

  boolean matches(String names) throws CliFailure {
    if (names.contains("(") || names.contains(")")) {
      throw new CliFailure(
          ExitCode.CONFIG,
          "<springProfile name=\""
              + names
              + "\"> uses parentheses, which check does not evaluate; give the appender's"
              + " settings outside it or in a simpler section");
    }
    for (String expression : names.split(",")) {
      if (anyOf(expression)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyOf(String expression) {
    for (String conjunction : expression.split("\\|")) {
      if (allOf(List.of(conjunction.split("&")))) {
        return true;
      }
    }
    return false;
  }

  private boolean allOf(List<String> terms) {
    for (String term : terms) {
      String name = term.strip();
      boolean negated = name.startsWith("!");
      name = negated ? name.substring(1).strip() : name;
      if (active.contains(name) == negated) {
        return false;
      }
    }
    return true;
  }
}
