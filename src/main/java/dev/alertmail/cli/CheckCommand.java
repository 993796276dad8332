package dev.alertmail.cli;

import dev.alertmail.smtp.HostPort;
import dev.alertmail.smtp.MxResolver;
import dev.alertmail.smtp.SmtpException;
import dev.alertmail.smtp.SmtpProbe;
import dev.alertmail.smtp.Transcript;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks through what the appender would do, step by step with timings, and sends nothing: where
 * mail goes (relays, or MX records), each address, and for the first server that answers, the
 * greeting, EHLO capabilities, STARTTLS with the certificate, AUTH, and whether it takes the sender
 * and every recipient (MAIL FROM, RCPT TO, then RSET instead of DATA). Only then does it say the
 * server would take the mail.
 */
final class CheckCommand {

  private CheckCommand() {}

  /**
   * @param words turns the client's messages into the user's terms: logback.xml elements, or flags
   *     and environment variables
   */
  static ExitCode check(
      Settings settings,
      Transcript transcript,
      PrintStream out,
      java.util.function.UnaryOperator<String> words)
      throws CliFailure {
    SmtpSetup setup = SmtpSetup.of(settings);
    if (setup.from() == null) {
      throw new CliFailure(
          ExitCode.CONFIG, "<from> is not set: check asks the server whether it takes it");
    }
    List<String> recipients = new ArrayList<>();
    for (String kind : List.of("to", "cc", "bcc")) {
      for (var address : SmtpSetup.addresses(kind, settings.get(kind))) {
        recipients.add(address.toString());
      }
    }
    if (recipients.isEmpty()) {
      throw new CliFailure(
          ExitCode.CONFIG,
          "<to> is not set: check asks the server whether it takes each recipient");
    }
    List<HostPort> servers = servers(setup, recipients, out);
    if (setup.relays().isEmpty()) {
      // an MX host is asked only about its own domain's recipients
      String domain = domain(recipients.get(0));
      List<String> others = recipients.stream().filter(r -> !domain(r).equals(domain)).toList();
      recipients = recipients.stream().filter(r -> domain(r).equals(domain)).toList();
      if (!others.isEmpty()) {
        out.println("note: only " + domain + " is checked, not " + String.join(", ", others));
      }
    }
    var envelope = new dev.alertmail.smtp.Envelope(setup.from().toString(), recipients);
    SmtpException last = null;
    for (HostPort server : servers) {
      List<InetAddress> addresses;
      long start = System.nanoTime();
      try {
        addresses = setup.mxResolver().addresses(server.host());
      } catch (SmtpException e) {
        out.println(
            line("DNS", System.nanoTime() - start, "FAILED " + words.apply(e.getMessage())));
        last = e;
        continue;
      }
      out.println(
          line(
              "DNS",
              System.nanoTime() - start,
              server.host()
                  + " is "
                  + addresses.stream().map(InetAddress::getHostAddress).toList()));
      for (InetAddress address : addresses) {
        try {
          SmtpProbe.run(
              setup.session().withServer(server.host(), server.port()),
              address,
              envelope,
              transcript,
              step -> out.println(line(step.name(), step.elapsed().toNanos(), step.detail())));
          out.println("OK: " + server + " would take the mail");
          return ExitCode.OK;
        } catch (SmtpException e) {
          out.println(line("FAILED", 0, words.apply(e.getMessage())));
          last = e;
        }
      }
    }
    if (last == null) {
      throw new CliFailure(ExitCode.CONFIG, "no server to check");
    }
    throw new CliFailure(SendCommand.exitCode(last), last.getMessage());
  }

  /** The relays as written, or the MX hosts of the first recipient's domain. */
  private static List<HostPort> servers(SmtpSetup setup, List<String> recipients, PrintStream out)
      throws CliFailure {
    if (!setup.relays().isEmpty()) {
      out.println(
          line(
              "route",
              0,
              "relays "
                  + String.join(", ", setup.relays().stream().map(HostPort::toString).toList())));
      return setup.relays();
    }
    String domain = domain(recipients.get(0));
    MxResolver resolver = setup.mxResolver();
    long start = System.nanoTime();
    try {
      List<String> exchangers = resolver.exchangers(domain);
      out.println(line("MX", System.nanoTime() - start, domain + ": " + exchangers));
      List<HostPort> hosts = new ArrayList<>();
      for (String exchanger : exchangers) {
        hosts.add(new HostPort(exchanger, setup.port()));
      }
      return hosts;
    } catch (SmtpException e) {
      out.println(line("MX", System.nanoTime() - start, "FAILED " + e.getMessage()));
      throw new CliFailure(SendCommand.exitCode(e), e.getMessage());
    }
  }

  private static String domain(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  static String line(String step, long nanos, String detail) {
    return String.format(Locale.ROOT, "%-9s %8s  %s", step, nanos > 0 ? millis(nanos) : "", detail);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", Duration.ofNanos(nanos).toNanos() / 1e6);
  }
}
