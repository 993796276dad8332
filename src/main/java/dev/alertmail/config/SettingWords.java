package dev.alertmail.config;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings are named in messages as logback.xml elements ({@code <tls>}, {@code <tls>NONE</tls>});
 * each place a user writes them has its own words, and a message must use the user's: a log4j2.xml
 * attribute ({@code tls}, {@code tls="NONE"}), a command-line flag or environment variable ({@code
 * --tls none}, {@code ALERTMAIL_PASSWORD}).
 */
public enum SettingWords {

  /** logback.xml: the messages as they are. */
  LOGBACK(name -> "<" + name + ">", (name, value) -> "<" + name + ">" + value + "</" + name + ">"),

  /** log4j2.xml: attributes of {@code <AlertMail>}. */
  LOG4J(name -> name, (name, value) -> name + "=\"" + value + "\""),

  /** The command line: flags, and environment variables for secrets, which have no flag. */
  CLI(
      name -> AlertMailSettings.SECRETS.contains(name) ? envName(name) : "--" + flagName(name),
      (name, value) -> "--" + flagName(name) + " " + value.toLowerCase(Locale.ROOT));

  private final Function<String, String> name;
  private final BiFunction<String, String, String> assignment;

  SettingWords(Function<String, String> name, BiFunction<String, String, String> assignment) {
    this.name = name;
    this.assignment = assignment;
  }

  /** {@return the message with every setting named in these words} */
  public String speak(String message) {
    if (this == LOGBACK) {
      return message;
    }
    String assigned =
        replace(Elements.WITH_VALUE, message, m -> assignment.apply(m.group(1), m.group(2)));
    return replace(Elements.ANY, assigned, m -> name.apply(m.group(1)));
  }

  private static String replace(Pattern pattern, String text, Function<Matcher, String> with) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement =
          AlertMailSettings.NAMES.contains(matcher.group(1))
              ? with.apply(matcher)
              : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** {@code smtpHost} becomes {@code ALERTMAIL_SMTP_HOST}. */
  public static String envName(String name) {
    return "ALERTMAIL_" + split(name, '_').toUpperCase(Locale.ROOT);
  }

  /** {@code smtpHost} becomes {@code smtp-host}. */
  public static String flagName(String name) {
    return split(name, '-').toLowerCase(Locale.ROOT);
  }

  // by hand, not replaceAll: the command line names every setting at its start, and a regular
  // expression compiled for each name costs that start several milliseconds
  private static String split(String camelCase, char separator) {
    StringBuilder out = new StringBuilder(camelCase.length() + 4);
    for (int i = 0; i < camelCase.length(); i++) {
      char c = camelCase.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        out.append(separator);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Compiled when a message is first spoken in other words, not when the settings are named. */
  private static final class Elements {
    static final Pattern WITH_VALUE = Pattern.compile("<(\\w+)>([^<]*)</\\1>");
    static final Pattern ANY = Pattern.compile("<(\\w+)>");
  }
}
