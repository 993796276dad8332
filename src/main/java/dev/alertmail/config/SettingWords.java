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

  private static final Pattern ELEMENT_WITH_VALUE = Pattern.compile("<(\\w+)>([^<]*)</\\1>");
  private static final Pattern ELEMENT = Pattern.compile("<(\\w+)>");

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
        replace(ELEMENT_WITH_VALUE, message, m -> assignment.apply(m.group(1), m.group(2)));
    return replace(ELEMENT, assigned, m -> name.apply(m.group(1)));
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
    return "ALERTMAIL_" + name.replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT);
  }

  /** {@code smtpHost} becomes {@code smtp-host}. */
  public static String flagName(String name) {
    return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }
}
