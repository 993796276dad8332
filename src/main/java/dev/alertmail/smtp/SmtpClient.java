package dev.alertmail.smtp;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Delivers one message per call over its own SMTP session.
 *
 * <p>Every network wait is bounded by the settings' timeouts. Instances keep no connection between
 * calls and may be shared between threads.
 */
public final class SmtpClient {

  private final SmtpSettings settings;
  private final Transcript transcript;

  /**
   * Creates a client for one server.
   *
   * @param settings the server and how to talk to it
   * @param transcript receives the dialogue, credentials masked; {@link Transcript#NONE} for none
   */
  public SmtpClient(SmtpSettings settings, Transcript transcript) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transcript = Objects.requireNonNull(transcript, "transcript");
  }

  /**
   * One session: connect, greeting, EHLO (HELO fallback), [STARTTLS], [AUTH], MAIL FROM, RCPT TO
   * each, DATA, QUIT.
   *
   * <p>The message is sent as given except that bare CR or LF become CRLF, lines starting with
   * {@code "."} are dot-stuffed and a final CRLF is added if missing.
   *
   * @param envelope the sender and recipients
   * @param message a complete RFC 5322 message (headers and body)
   * @return which recipients were accepted and which refused; at least one was accepted
   * @throws SmtpException if the message was not accepted for any recipient; see {@link
   *     SmtpException#isTransient()}
   */
  public DeliveryReport send(Envelope envelope, byte[] message) throws SmtpException {
    return send(envelope, message, null);
  }

  /**
   * Several mails over one session: connect, greeting, EHLO, STARTTLS and AUTH once, then one
   * transaction per mail, pipelined where the server offers PIPELINING. Saves the set-up of a
   * session per mail when many go to the same server.
   *
   * @param envelopes the envelope of each mail
   * @param messages the complete message of each mail, in the same order
   * @return one report per mail
   * @throws SmtpException at the first mail that fails; the ones before it were delivered
   */
  public List<DeliveryReport> sendAll(List<Envelope> envelopes, List<byte[]> messages)
      throws SmtpException {
    if (envelopes.size() != messages.size() || envelopes.isEmpty()) {
      throw new IllegalArgumentException("one envelope per message, at least one");
    }
    try (SmtpConnection connection = SmtpConnection.open(settings, null, transcript)) {
      return new SmtpSession(settings, connection).deliverAll(envelopes, messages);
    }
  }

  /** As {@link #send(Envelope, byte[])}, connecting to the given address of the settings' host. */
  DeliveryReport send(Envelope envelope, byte[] message, InetAddress address) throws SmtpException {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(message, "message");
    try (SmtpConnection connection = SmtpConnection.open(settings, address, transcript)) {
      return new SmtpSession(settings, connection).deliver(envelope, message);
    }
  }
}
