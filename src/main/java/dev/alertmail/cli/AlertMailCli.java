package dev.alertmail.cli;

import dev.alertmail.config.SettingWords;
import dev.alertmail.smtp.Transcript;
import dev.alertmail.text.UntrustedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code alertmail}: send one mail, or check the way to the mail server, with AlertMail's own SMTP
 * client. Exit codes follow sysexits.h: 0 delivered, 64 usage, 67 bad address, 68 unknown host, 69
 * unavailable, 75 temporary failure (retry), 77 authentication refused, 78 configuration error.
 */
public final class AlertMailCli {

  private AlertMailCli() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.in, System.out, System.err);
    System.exit(code);
  }

  /** Runs the command line and returns its exit code; never throws, never exits. */
  static int run(
      String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(Help.USAGE);
      return ExitCode.OK.code;
    }
    if (args.length >= 1 && java.util.Arrays.asList(args).contains("--version")) {
      out.println(Help.version());
      return ExitCode.OK.code;
    }
    // messages name flags and variables, except where the user works on a logback.xml
    boolean logbackWords = java.util.Arrays.asList(args).contains("--logback");
    boolean log4jWords = java.util.Arrays.asList(args).contains("--log4j2");
    try {
      Arguments arguments = Arguments.parse(args);
      if (arguments.has("help")) {
        out.println(Help.forCommand(arguments.command()));
        return ExitCode.OK.code;
      }
      Transcript transcript =
          arguments.has("verbose") ? line -> err.println(line) : Transcript.NONE;
      return switch (arguments.command()) {
        case "send" -> send(arguments, env, in, out, err, transcript).code;
        case "zabbix" -> zabbix(arguments, env, out, err, transcript).code;
        case "check" -> check(arguments, env, out, err, transcript).code;
        case "dkim-key" -> DkimKeyCommand.run(arguments, out).code;
        default ->
            throw new CliFailure(
                ExitCode.USAGE,
                "unknown command '"
                    + arguments.command()
                    + "': write send, zabbix, check or dkim-key");
      };
    } catch (CliFailure e) {
      String message =
          logbackWords
              ? e.getMessage()
              : (log4jWords ? SettingWords.LOG4J : SettingWords.CLI).speak(e.getMessage());
      // what a server or an endpoint said is in it: never let it drive the terminal
      err.println("alertmail: " + UntrustedText.visibleLines(message));
      if (e.exitCode == ExitCode.USAGE) {
        err.println(Help.USAGE);
      }
      return e.exitCode.code;
    } catch (RuntimeException e) {
      err.println("alertmail: internal error: " + UntrustedText.visible(String.valueOf(e)));
      return ExitCode.UNAVAILABLE.code;
    }
  }

  private static ExitCode send(
      Arguments arguments,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Transcript t)
      throws CliFailure {
    if (!arguments.positionals().isEmpty()) {
      throw new CliFailure(
          ExitCode.USAGE,
          "unexpected '" + arguments.positionals().get(0) + "': send takes flags only");
    }
    String body;
    try {
      body =
          arguments.has("body-file")
              ? Files.readString(Path.of(arguments.option("body-file")), StandardCharsets.UTF_8)
              : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.USAGE, "cannot read the body: " + e.getMessage());
    }
    String subject =
        arguments.has("subject") ? arguments.option("subject") : "Message from alertmail";
    return deliver(
        Settings.resolve(arguments, env, err), subject, body, arguments.has("html"), t, out, err);
  }

  /**
   * To a fleet's Alertmanager when one is set, mail otherwise; mail also when no replica took the
   * alert and mail settings are there, its subject saying why.
   */
  private static ExitCode deliver(
      Settings settings,
      String subject,
      String body,
      boolean html,
      Transcript t,
      PrintStream out,
      PrintStream err)
      throws CliFailure {
    var fleet = FleetCommand.config(settings);
    if (fleet == null) {
      return SendCommand.send(settings, subject, body, html, t, out, err);
    }
    ExitCode posted = FleetCommand.post(fleet, subject, body, out, err);
    // a refused alert (78) or refused credentials (77) are no outage: mail would hide them
    if (posted != ExitCode.TEMP_FAIL || settings.get("from") == null) {
      return posted;
    }
    err.println("alertmail: no Alertmanager replica took the alert; mailing it instead");
    return SendCommand.send(
        settings, subject + " (Alertmanager unreachable)", body, html, t, out, err);
  }

  private static ExitCode zabbix(
      Arguments arguments, Map<String, String> env, PrintStream out, PrintStream err, Transcript t)
      throws CliFailure {
    if (arguments.positionals().size() != 3) {
      throw new CliFailure(
          ExitCode.USAGE,
          "zabbix takes exactly three values, TO SUBJECT MESSAGE ({ALERT.SENDTO} {ALERT.SUBJECT}"
              + " {ALERT.MESSAGE}); got "
              + arguments.positionals().size());
    }
    var options = new java.util.LinkedHashMap<>(arguments.options());
    options.put("to", arguments.positionals().get(0));
    Arguments withRecipient = new Arguments("zabbix", options, arguments.positionals());
    return deliver(
        Settings.resolve(withRecipient, env, err),
        arguments.positionals().get(1),
        arguments.positionals().get(2),
        false,
        t,
        out,
        err);
  }

  private static ExitCode check(
      Arguments arguments, Map<String, String> env, PrintStream out, PrintStream err, Transcript t)
      throws CliFailure {
    boolean logback = arguments.has("logback");
    boolean log4j2 = arguments.has("log4j2");
    Settings settings =
        logback
            ? LogbackXmlReader.read(
                    Path.of(arguments.option("logback")),
                    arguments.option("appender"),
                    arguments.option("profile"),
                    env)
                .withFlags(arguments)
            : log4j2
                ? Log4jXmlReader.read(
                        Path.of(arguments.option("log4j2")), arguments.option("appender"), env)
                    .withFlags(arguments)
                : Settings.resolve(arguments, env, err);
    var fleet = FleetCommand.config(settings);
    ExitCode fleetResult = fleet == null ? ExitCode.OK : FleetCommand.check(fleet, out);
    boolean mail =
        settings.get("from") != null
            || settings.get("to") != null
            || settings.get("cc") != null
            || settings.get("bcc") != null;
    if (fleet != null && !mail) {
      return fleetResult; // no mail fallback configured: nothing more to check
    }
    SmtpSetup setup = SmtpSetup.of(settings);
    java.util.function.UnaryOperator<String> words =
        logback ? w -> w : log4j2 ? SettingWords.LOG4J::speak : SettingWords.CLI::speak;
    ExitCode signing =
        DkimCheck.check(
            settings, setup.from(), setup.mxResolver(), setup.relays().isEmpty(), out, words);
    ExitCode result;
    try (WaitNotice notice =
        new WaitNotice(
            t,
            err,
            "DNS, the connection or the greeting of " + setup.route(),
            SendCommand.bounds(setup))) {
      result = CheckCommand.check(settings, notice, out, words);
    }
    List<String> failed = new ArrayList<>();
    if (fleetResult != ExitCode.OK) {
      failed.add("alertmanager");
    }
    if (signing != ExitCode.OK) {
      failed.add("dkim");
    }
    if (result == ExitCode.OK && !failed.isEmpty()) {
      // the server's OK is the last line: it must not read as the verdict
      out.println(
          "FAILED: the "
              + String.join(" and ", failed)
              + (failed.size() > 1 ? " steps" : " step")
              + " above"
              + (arguments.has("send-test") ? "; no test mail sent" : ""));
      result = fleetResult != ExitCode.OK ? fleetResult : signing;
    }
    if (result == ExitCode.OK && arguments.has("send-test")) {
      return SendCommand.send(
          settings,
          "AlertMail test mail",
          "This is a test mail sent by 'alertmail check --send-test'.\n",
          false,
          t,
          out,
          err);
    }
    return result;
  }
}
