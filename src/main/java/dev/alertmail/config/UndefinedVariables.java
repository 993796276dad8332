package dev.alertmail.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logback replaces an undefined {@code ${SMTP_HOST}} with the text {@code SMTP_HOST_IS_UNDEFINED}
 * and goes on; Log4j leaves an unresolved {@code ${env:SMTP_HOST}} as it was written. As a relay, a
 * user name or a password that text fails only at the first alert, in the middle of an incident; so
 * a value carrying the marker is a configuration error, reported by the variable's name and never
 * by the value (it may be a password).
 */
public final class UndefinedVariables {

  /** The suffix Logback's substitution leaves where a variable was not defined. */
  public static final String MARKER = "_IS_UNDEFINED";

  private static final Pattern UNDEFINED = Pattern.compile("([A-Za-z0-9_.\\-]+?)" + MARKER);
  private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{([^${}]+)}");

  private UndefinedVariables() {}

  private static final Pattern TAIL = Pattern.compile("(.*[a-z].*)[.\\-]([A-Z0-9_]+)");

  /** Elements whose values are secrets: nothing of their text is ever shown. */
  public static final java.util.Set<String> SECRETS = AlertMailSettings.SECRETS;

  /**
   * {@return the names of the undefined variables in a substituted value, in order} The value no
   * longer shows where a variable began: in {@code mail.DOMAIN_IS_UNDEFINED} it is taken to be
   * {@code DOMAIN} (an upper-case name after lower-case text and a dot or dash), while {@code
   * app.name_IS_UNDEFINED} stays {@code app.name}.
   */
  public static List<String> in(String value) {
    List<String> names = new ArrayList<>();
    if (value != null && value.contains("${")) {
      Matcher unresolved = UNRESOLVED.matcher(value);
      while (unresolved.find()) {
        names.add(unresolved.group(1));
      }
    }
    if (value != null && value.contains(MARKER)) {
      Matcher matcher = UNDEFINED.matcher(value);
      while (matcher.find()) {
        Matcher tail = TAIL.matcher(matcher.group(1));
        names.add(tail.matches() ? tail.group(2) : matcher.group(1));
      }
    }
    return names;
  }

  /**
   * One problem per element whose value uses an undefined variable, e.g. {@code <smtpHost> uses
   * ${SMTP_HOST}, which is not defined: set it in the environment or as a <property>}.
   *
   * @param values each element's name and value (several values of one element joined with ",")
   * @param where how the user defines a variable in this context
   */
  public static List<String> problems(Map<String, String> values, String where) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> element : values.entrySet()) {
      List<String> names = in(element.getValue());
      if (names.isEmpty()) {
        continue;
      }
      String whole = element.getValue().strip();
      if (SECRETS.contains(element.getKey())
          && !whole.equals(names.get(0) + MARKER)
          && !whole.equals("${" + names.get(0) + "}")) {
        // the name is read from the value; with other text around it, that text is the secret's
        problems.add("<" + element.getKey() + "> uses a variable that is not defined: " + where);
        continue;
      }
      List<String> shown = names.stream().map(n -> "${" + n + "}").distinct().toList();
      problems.add(
          "<"
              + element.getKey()
              + "> uses "
              + String.join(" and ", shown)
              + ", which "
              + (shown.size() == 1 ? "is" : "are")
              + " not defined: "
              + where);
    }
    return problems;
  }
}
