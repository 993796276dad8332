package dev.alertmail.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: a command, {@code --flag value} (or {@code --flag=value}) options anywhere,
 * switches without a value, and positional values.
 */
record Arguments(String command, Map<String, String> options, List<String> positionals) {

  static final Set<String> SWITCHES = Set.of("html", "verbose", "send-test", "help");

  /** Flags with a value that are not settings. */
  static final Set<String> OPTIONS =
      Set.of(
          "subject",
          "body-file",
          "config",
          "logback",
          "log4j2",
          "appender",
          "profile",
          "domain",
          "selector",
          "out",
          "type");

  /** Flags that take a comma-separated list, and so may be given more than once. */
  static final Set<String> LISTS =
      Set.of(
          "to",
          "cc",
          "bcc",
          "smtp-host",
          "app-packages",
          "alertmanager-url",
          "alertmanager-labels");

  /** The options of {@code dkim-key}, and all it takes besides {@code --help}. */
  static final Set<String> DKIM_KEY_OPTIONS = Set.of("domain", "selector", "out", "type");

  /** Flags that would put a secret in the process list; refused with a pointer to the way. */
  static final Set<String> SECRETS =
      Set.of(
          "password",
          "trust-store-password",
          "oauth-client-secret",
          "oauth-refresh-token",
          "alertmanager-password");

  static Arguments parse(String[] args) throws CliFailure {
    if (args.length == 0) {
      throw new CliFailure(ExitCode.USAGE, "no command: write send, zabbix or check");
    }
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.equals("--")) {
        positionals.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (SECRETS.contains(name)) {
        throw new CliFailure(
            ExitCode.USAGE,
            "--"
                + name
                + " is refused: a flag shows in the process list. Put it in the --config file or"
                + " in ALERTMAIL_"
                + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      }
      if (!SWITCHES.contains(name)
          && !OPTIONS.contains(name)
          && !name.equals("version")
          && !isSettingFlag(name)) {
        // a typo must not silently drop a setting such as --tls starttls
        throw new CliFailure(
            ExitCode.USAGE, "unknown flag --" + name + ": see alertmail " + args[0] + " --help");
      }
      checkCommandTakes(args[0], name);
      if (SWITCHES.contains(name)) {
        options.put(name, value == null ? "true" : value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new CliFailure(ExitCode.USAGE, "--" + name + " needs a value");
        }
        value = args[++i];
      }
      String previous = options.get(name);
      if (previous != null && !LISTS.contains(name)) {
        // joined, '26,25' would be reported as a bad port; either one taken, a typo would hide
        throw new CliFailure(
            ExitCode.USAGE,
            "--" + name + " is given twice ('" + previous + "' and '" + value + "'): give it once");
      }
      options.put(name, previous == null ? value : previous + "," + value);
    }
    return new Arguments(args[0], options, positionals);
  }

  /**
   * A flag of one command given to another would be dropped in silence: {@code send --selector}
   * would send unsigned mail to someone who believes it signed.
   */
  private static void checkCommandTakes(String command, String name) throws CliFailure {
    boolean dkimKey = command.equals("dkim-key");
    if (!dkimKey && DKIM_KEY_OPTIONS.contains(name)) {
      throw new CliFailure(
          ExitCode.USAGE,
          "--"
              + name
              + " is a flag of alertmail dkim-key"
              + (name.equals("domain") || name.equals("selector")
                  ? "; " + command + " signs with --dkim-" + name
                  : "")
              + ": see alertmail "
              + command
              + " --help");
    }
    if (dkimKey && !DKIM_KEY_OPTIONS.contains(name) && !name.equals("help")) {
      throw new CliFailure(
          ExitCode.USAGE,
          "dkim-key takes --domain, --selector, --out and --type, not --"
              + name
              + ": see alertmail dkim-key --help");
    }
  }

  private static boolean isSettingFlag(String name) {
    for (String setting : Settings.NAMES) {
      if (Settings.flagName(setting).equals(name)) {
        return true;
      }
    }
    return false;
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  String option(String name) {
    return options.get(name);
  }
}
