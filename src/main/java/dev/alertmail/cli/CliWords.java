package dev.alertmail.cli;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's messages name settings as logback.xml elements ({@code <tls>NONE</tls>}); on the
 * command line they are flags and environment variables ({@code --tls none}, {@code
 * ALERTMAIL_TLS}). Secrets have no flag: they are named by their environment variable.
 */
final class CliWords {

  private static final Pattern ELEMENT_WITH_VALUE = Pattern.compile("<(\\w+)>([^<]*)</\\1>");
  private static final Pattern ELEMENT = Pattern.compile("<(\\w+)>");
  private static final Set<String> SECRETS = Set.of("password", "trustStorePassword");

  private CliWords() {}

  static String speak(String message) {
    Matcher withValue = ELEMENT_WITH_VALUE.matcher(message);
    StringBuilder out = new StringBuilder();
    while (withValue.find()) {
      String name = withValue.group(1);
      String replacement =
          Settings.NAMES.contains(name)
              ? "--" + Settings.flagName(name) + " " + withValue.group(2).toLowerCase(Locale.ROOT)
              : withValue.group();
      withValue.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    withValue.appendTail(out);
    Matcher element = ELEMENT.matcher(out.toString());
    StringBuilder result = new StringBuilder();
    while (element.find()) {
      String name = element.group(1);
      String replacement;
      if (SECRETS.contains(name)) {
        replacement = Settings.envName(name);
      } else if (Settings.NAMES.contains(name)) {
        replacement = "--" + Settings.flagName(name);
      } else {
        replacement = element.group();
      }
      element.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    element.appendTail(result);
    return result.toString();
  }
}
