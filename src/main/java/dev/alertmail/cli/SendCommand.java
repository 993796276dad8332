package dev.alertmail.cli;

import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailMessage;
import dev.alertmail.mail.MimeRenderer;
import dev.alertmail.smtp.DeliveryReport;
import dev.alertmail.smtp.Durations;
import dev.alertmail.smtp.Envelope;
import dev.alertmail.smtp.RecipientRejection;
import dev.alertmail.smtp.RouteFailure;
import dev.alertmail.smtp.SmtpException;
import dev.alertmail.smtp.Transcript;
import dev.alertmail.smtp.TransportReport;
import dev.alertmail.text.ShortList;
import dev.alertmail.text.UntrustedText;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/** Sends one mail with the same client as the appender and says what became of it. */
final class SendCommand {

  private static final int MAX_SUBJECT = 200;

  private SendCommand() {}

  /** One mail: the recipients from the settings, the subject and body as given. */
  static ExitCode send(
      Settings settings,
      String subject,
      String body,
      boolean html,
      Transcript transcript,
      PrintStream out,
      PrintStream err)
      throws CliFailure {
    SmtpSetup setup = SmtpSetup.of(settings);
    if (setup.from() == null) {
      throw new CliFailure(
          ExitCode.CONFIG,
          "no sender: write --from alerts@example.com, set ALERTMAIL_FROM, or put from= in the"
              + " --config file");
    }
    List<MailAddress> to = SmtpSetup.addresses("to", settings.get("to"));
    List<MailAddress> cc = SmtpSetup.addresses("cc", settings.get("cc"));
    List<MailAddress> bcc = SmtpSetup.addresses("bcc", settings.get("bcc"));
    if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
      throw new CliFailure(ExitCode.USAGE, "no recipient: write --to ops@example.com");
    }
    MailMessage message =
        new MailMessage(
            setup.from(),
            to,
            cc,
            bcc,
            oneLine(subject),
            now(),
            dev.alertmail.mail.UniqueIds.next() + "@" + setup.from().domain(),
            html ? null : body,
            html ? body : null,
            Map.of("Auto-Submitted", "auto-generated"));
    List<String> recipients =
        message.recipients().stream().map(MailAddress::toString).distinct().toList();
    byte[] bytes = MimeRenderer.render(message);
    List<String> problems = new java.util.ArrayList<>();
    var signer =
        dev.alertmail.config.DkimChecks.signer(
            settings.get("dkimDomain"),
            settings.get("dkimSelector"),
            settings.get("dkimKey"),
            problems);
    if (!problems.isEmpty()) {
      throw new CliFailure(ExitCode.CONFIG, problems.get(0));
    }
    if (signer != null) {
      bytes = signer.sign(bytes); // once: every server and retry gets the same signed bytes
    }
    TransportReport report;
    try (WaitNotice notice =
        new WaitNotice(
            transcript,
            err,
            "DNS, the connection or the greeting of " + setup.route(),
            bounds(setup))) {
      report =
          setup.transport(notice).send(new Envelope(setup.from().toString(), recipients), bytes);
    }
    return outcome(report, out);
  }

  /**
   * Now, at this machine's current offset. The Date header shows only the offset; asking for the
   * zone's region ({@code ZonedDateTime.now()}) would read the JDK's time zone database a second
   * time, a few milliseconds of a run that pays for every one.
   */
  private static ZonedDateTime now() {
    long millis = System.currentTimeMillis();
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(TimeZone.getDefault().getOffset(millis) / 1000);
    return Instant.ofEpochMilli(millis).atZone(offset);
  }

  private static ExitCode outcome(TransportReport report, PrintStream out) throws CliFailure {
    for (DeliveryReport delivered : report.delivered()) {
      out.println(
          "delivered to "
              + ShortList.of(delivered.accepted())
              + " via "
              + delivered.server()
              + (delivered.queued().isEmpty() ? "" : ": " + delivered.queued()));
    }
    for (RouteFailure failure : report.failed()) {
      throw new CliFailure(
          exitCode(failure.cause()),
          "not delivered to "
              + ShortList.of(failure.recipients())
              + ": "
              + failure.cause().getMessage());
    }
    for (DeliveryReport delivered : report.delivered()) {
      for (RecipientRejection rejection : delivered.rejected()) {
        throw new CliFailure(
            rejection.reply().isTransientFailure() ? ExitCode.TEMP_FAIL : ExitCode.NO_USER,
            "not delivered to "
                + rejection.recipient()
                + ": "
                + delivered.server()
                + " answered "
                + rejection.reply());
      }
    }
    return ExitCode.OK;
  }

  /** What a failure means for the caller: retry (75), fix credentials (77), and so on. */
  static ExitCode exitCode(SmtpException e) {
    switch (e.reason()) {
      case NO_SUCH_HOST:
        return ExitCode.NO_HOST;
      case CONFIGURATION:
        return ExitCode.CONFIG;
      default:
        break;
    }
    String command = e.command() == null ? "" : e.command();
    if (e.isTransient()) {
      return ExitCode.TEMP_FAIL;
    }
    if (command.startsWith("AUTH")) {
      return e.reply() != null ? ExitCode.NO_PERM : ExitCode.CONFIG;
    }
    if (command.startsWith("RCPT")) {
      return ExitCode.NO_USER;
    }
    return ExitCode.UNAVAILABLE;
  }

  /** The timeouts that bound a wait, in the words the settings use. */
  static String bounds(SmtpSetup setup) {
    return "connectTimeout "
        + Durations.words(setup.session().connectTimeout())
        + ", readTimeout "
        + Durations.words(setup.session().readTimeout());
  }

  /** A subject is one line without control characters, and not endless. */
  static String oneLine(String subject) {
    String line = joinLines(subject).strip();
    if (line.codePointCount(0, line.length()) > MAX_SUBJECT) {
      line = line.substring(0, line.offsetByCodePoints(0, MAX_SUBJECT - 1)) + "\u2026";
    }
    return line;
  }

  /** Each run of control characters (C0 and C1) and line or paragraph separators: one space. */
  private static String joinLines(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean inRun = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // C0, DEL and C1 (U+0085 is a line break to some readers), line and paragraph separators
      boolean breaking = c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029';
      if (UntrustedText.isInvisible(c)) {
        continue; // U+202E and its kin would make the subject read backwards
      }
      if (!breaking) {
        out.append(c);
      } else if (!inRun) {
        out.append(' ');
      }
      inRun = breaking;
    }
    return out.toString();
  }
}
