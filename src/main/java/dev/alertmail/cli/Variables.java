package dev.alertmail.cli;

import dev.alertmail.config.UndefinedVariables;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logback's variable substitution, for reading a logback.xml without Logback: {@code ${NAME}} and
 * {@code ${NAME:-default}}, nested, from the file's properties, then system properties, then the
 * environment. An undefined variable becomes {@code NAME_IS_UNDEFINED}, as in Logback, which {@link
 * UndefinedVariables} then reports by name.
 */
final class Variables {

  // innermost first: a ${...} with no ${ inside it
  private static final Pattern INNERMOST = Pattern.compile("\\$\\{([^${}]*)}");
  private static final int MAX_ROUNDS = 32;

  private final Map<String, String> properties;
  private final Map<String, String> env;

  Variables(Map<String, String> properties, Map<String, String> env) {
    this.properties = properties;
    this.env = env;
  }

  String substitute(String text) {
    String result = text;
    for (int round = 0; round < MAX_ROUNDS && result.contains("${"); round++) {
      Matcher matcher = INNERMOST.matcher(result);
      if (!matcher.find()) {
        break;
      }
      matcher.reset();
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1))));
      }
      matcher.appendTail(out);
      result = out.toString();
    }
    return result;
  }

  private String value(String expression) {
    int split = expression.indexOf(":-");
    String name = split < 0 ? expression : expression.substring(0, split);
    String value;
    if (name.startsWith("env:")) {
      // Log4j's lookups: ${env:NAME}, ${sys:NAME}
      name = name.substring(4);
      value = env.get(name);
    } else if (name.startsWith("sys:")) {
      name = name.substring(4);
      value = System.getProperty(name);
    } else {
      value = properties.get(name);
      if (value == null) {
        value = System.getProperty(name);
      }
      if (value == null) {
        value = env.get(name);
      }
    }
    if (value == null && split >= 0) {
      value = expression.substring(split + 2);
    }
    return value != null ? value : name + UndefinedVariables.MARKER;
  }
}
