package dev.alertmail.cli;

import dev.alertmail.config.AlertMailSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Connection and mail settings by their logback.xml names, merged from a properties file, the
 * environment ({@code ALERTMAIL_SMTP_HOST}, ...) and flags ({@code --smtp-host}, ...), each
 * overriding the one before. Passwords come from the file or the environment only.
 */
final class Settings {

  /**
   * The settings of a mail, the way to the server and the way to a fleet's Alertmanager, by the
   * names the appenders use.
   */
  static final List<String> NAMES =
      java.util.stream.Stream.concat(
              AlertMailSettings.MAIL_NAMES.stream(), AlertMailSettings.ALERTMANAGER_NAMES.stream())
          .toList();

  private final Map<String, String> values;

  Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** File, then environment, then flags. */
  static Settings resolve(Arguments arguments, Map<String, String> env, PrintStream err)
      throws CliFailure {
    Map<String, String> merged = new LinkedHashMap<>();
    if (arguments.has("config")) {
      Path file = Path.of(arguments.option("config"));
      merged.putAll(readFile(file));
      if (merged.keySet().stream().anyMatch(AlertMailSettings.SECRETS::contains)) {
        warnIfWorldReadable(file, err);
      }
    }
    for (String name : NAMES) {
      String value = env.get(envName(name));
      if (value != null && !value.isBlank()) {
        merged.put(name, value);
      }
    }
    for (String name : NAMES) {
      String value = arguments.option(flagName(name));
      if (value != null) {
        merged.put(name, value);
      }
    }
    return new Settings(merged);
  }

  /** {@return these settings with the command line's flags over them} */
  Settings withFlags(Arguments arguments) {
    Map<String, String> merged = new LinkedHashMap<>(values);
    for (String name : NAMES) {
      String value = arguments.option(flagName(name));
      if (value != null) {
        merged.put(name, value);
      }
    }
    return new Settings(merged);
  }

  static Map<String, String> readFile(Path file) throws CliFailure {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.CONFIG, "cannot read --config " + file + ": " + e.getMessage());
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!NAMES.contains(key)) {
        throw new CliFailure(
            ExitCode.CONFIG,
            file + ": unknown setting '" + key + "'; known: " + String.join(", ", NAMES));
      }
      result.put(key, properties.getProperty(key).strip());
    }
    return result;
  }

  /**
   * A file that holds a password or a token should be readable by its user (and perhaps a group, as
   * {@code root:zabbix 640}), never by everyone: said on stderr, the send goes on.
   */
  private static void warnIfWorldReadable(Path file, PrintStream err) {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (mode.contains(PosixFilePermission.OTHERS_READ)) {
        err.println(
            "alertmail: warning: "
                + file
                + " holds a secret and every user may read it ("
                + PosixFilePermissions.toString(mode)
                + "): chmod o-r "
                + file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // no POSIX permissions to judge (another file system): nothing to say
    }
  }

  /** {@code smtpHost} becomes {@code ALERTMAIL_SMTP_HOST}. */
  static String envName(String name) {
    return dev.alertmail.config.SettingWords.envName(name);
  }

  /** {@code smtpHost} becomes {@code smtp-host}. */
  static String flagName(String name) {
    return dev.alertmail.config.SettingWords.flagName(name);
  }

  String get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
