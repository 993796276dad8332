package dev.alertmail.smtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Walks through opening a session with one server, step by step with timings, and sends nothing:
 * connect (and implicit TLS), greeting, EHLO, STARTTLS with the certificate, AUTH, then MAIL FROM
 * and RCPT TO for the envelope and RSET instead of DATA, then QUIT. For the person asking why a
 * mail did not arrive.
 */
public final class SmtpProbe {

  /**
   * One step that succeeded.
   *
   * @param name e.g. {@code connect}, {@code greeting}, {@code EHLO}, {@code STARTTLS}, {@code
   *     AUTH}
   * @param elapsed how long the step took
   * @param detail what was learnt, e.g. the capabilities or the certificate's subject and expiry
   */
  public record Step(String name, Duration elapsed, String detail) {}

  private SmtpProbe() {}

  /**
   * Probes the settings' server at one of its addresses.
   *
   * @param envelope the sender and recipients the server is asked about, or null to stop after AUTH
   * @param onStep hears of each step as it succeeds, so a later failure still shows them
   * @throws SmtpException at the first step that fails
   */
  public static void run(
      SmtpSettings settings,
      InetAddress address,
      Envelope envelope,
      Transcript transcript,
      Consumer<Step> onStep)
      throws SmtpException {
    long[] last = {System.nanoTime()};
    SmtpSession.StepListener steps =
        (name, detail) -> {
          long now = System.nanoTime();
          onStep.accept(new Step(name, Duration.ofNanos(now - last[0]), detail));
          last[0] = now;
        };
    try (SmtpConnection connection = SmtpConnection.open(settings, address, transcript)) {
      steps.step(
          "connect",
          address.getHostAddress()
              + ":"
              + settings.port()
              + (connection.isEncrypted() ? ", " + connection.tlsDescription() : ""));
      new SmtpSession(settings, connection).probe(steps, envelope);
    }
  }
}
