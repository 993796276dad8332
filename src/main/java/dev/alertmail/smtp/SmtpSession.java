package dev.alertmail.smtp;

import java.util.ArrayList;
import java.util.List;

/** The dialogue of one session over an open connection, command by command (RFC 5321 §3). */
final class SmtpSession {

  private final SmtpSettings settings;
  private final SmtpConnection connection;
  private final String server;

  SmtpSession(SmtpSettings settings, SmtpConnection connection) {
    this.settings = settings;
    this.connection = connection;
    this.server = connection.server();
  }

  /** Runs the whole session; QUITs politely unless the connection is already unusable. */
  DeliveryReport deliver(Envelope envelope, byte[] message) throws SmtpException {
    return deliverAll(List.of(envelope), List.of(message)).get(0);
  }

  /**
   * One session for several mails: greeting, EHLO, STARTTLS and AUTH once, then one transaction per
   * mail. Stops at the first mail that fails.
   */
  List<DeliveryReport> deliverAll(List<Envelope> envelopes, List<byte[]> messages)
      throws SmtpException {
    connection.limitSession(envelopes.size());
    try {
      Capabilities capabilities = open();
      List<DeliveryReport> reports = new ArrayList<>(envelopes.size());
      for (int i = 0; i < envelopes.size(); i++) {
        reports.add(deliverInFull(capabilities, envelopes.get(i), messages.get(i)));
      }
      quit();
      return reports;
    } catch (SmtpException e) {
      if (!connection.isBroken()) {
        quit();
      }
      throw e;
    }
  }

  /**
   * One mail, in as many transactions as the server's recipient limit needs. A server out of room
   * for recipients answers 452 to the rest (Postfix's limit is 1,000); RFC 5321 §4.5.3.1.10 says to
   * send to them in further transactions, so they are, at once and in this session, and never again
   * to those who accepted. A further transaction that fails leaves its recipients refused for now
   * (retried later, alone), never the ones that have the mail.
   */
  private DeliveryReport deliverInFull(Capabilities capabilities, Envelope envelope, byte[] message)
      throws SmtpException {
    DeliveryReport first = MailTransaction.run(connection, capabilities, envelope, message);
    List<String> accepted = new ArrayList<>(first.accepted());
    List<RecipientRejection> rejected = new ArrayList<>(first.rejected());
    StringBuilder queued = new StringBuilder(first.queued());
    List<RecipientRejection> tooMany = tooManyRecipients(rejected);
    while (!tooMany.isEmpty() && !connection.isBroken()) {
      List<String> rest = tooMany.stream().map(RecipientRejection::recipient).toList();
      DeliveryReport more;
      connection.extendSession();
      try {
        more =
            MailTransaction.run(
                connection, capabilities, new Envelope(envelope.sender(), rest), message);
      } catch (SmtpException e) {
        // no progress: they keep their 452; a transaction left open is reset, so a next mail in
        // this session starts clean
        resetQuietly();
        break;
      }
      rejected.removeAll(tooMany);
      rejected.addAll(more.rejected());
      accepted.addAll(more.accepted());
      queued.append("; ").append(more.queued());
      tooMany = tooManyRecipients(more.rejected());
    }
    return new DeliveryReport(first.server(), accepted, rejected, queued.toString());
  }

  /**
   * The recipients refused for the transaction's recipient limit: 452 with the enhanced status
   * 4.5.3 (RFC 3463), or, from a server without enhanced codes, saying "too many recipients". A 452
   * for a full mailbox (4.2.2) or a full disk (4.3.1) would be refused again at once.
   */
  private static List<RecipientRejection> tooManyRecipients(List<RecipientRejection> rejected) {
    return rejected.stream()
        .filter(
            r -> {
              String text = r.reply().text();
              return r.reply().code() == 452
                  && (text.startsWith("4.5.3")
                      || !Character.isDigit(text.isEmpty() ? ' ' : text.charAt(0))
                          && text.toLowerCase(java.util.Locale.ROOT)
                              .contains("too many recipients"));
            })
        .toList();
  }

  /** Hears of each step of opening a session, for {@link SmtpProbe}. */
  interface StepListener {
    StepListener NONE = (name, detail) -> {};

    void step(String name, String detail);
  }

  /**
   * Opens the session step by step, telling the listener, then, for an envelope, asks whether the
   * server would take it (MAIL FROM and each RCPT TO, then RSET: no DATA), then QUITs; sends no
   * mail. A recipient refused is a failure, as it would be for the mail.
   */
  void probe(StepListener steps, Envelope envelope) throws SmtpException {
    try {
      open(steps);
      if (envelope != null) {
        String mail = "MAIL FROM:<" + envelope.sender() + ">";
        expect(mail, connection.command(mail), 250, "sender refused");
        steps.step("MAIL FROM", "<" + envelope.sender() + "> accepted");
        for (String recipient : envelope.recipients()) {
          String rcpt = "RCPT TO:<" + recipient + ">";
          SmtpReply reply = connection.command(rcpt);
          if (reply.code() != 251) {
            expect(rcpt, reply, 250, "recipient <" + recipient + "> refused");
          }
          steps.step("RCPT TO", "<" + recipient + "> accepted");
        }
        expect("RSET", connection.command("RSET"), 250, "server refused RSET");
      }
      quit();
    } catch (SmtpException e) {
      if (!connection.isBroken()) {
        quit();
      }
      throw e;
    }
  }

  private Capabilities open() throws SmtpException {
    return open(StepListener.NONE);
  }

  /** Greeting, EHLO, STARTTLS and AUTH as the settings ask; returns what the server offers. */
  private Capabilities open(StepListener steps) throws SmtpException {
    SmtpReply greeting = connection.readReply("greeting");
    expect("greeting", greeting, 220, "server refused the session");
    steps.step("greeting", greeting.toString());
    Capabilities capabilities = hello();
    steps.step("EHLO", capabilities.describe());
    Capabilities secured = secure(capabilities);
    if (secured != capabilities) {
      steps.step("STARTTLS", connection.tlsDescription() + "; then EHLO: " + secured.describe());
    }
    if (settings.hasCredentials()) {
      authenticate(secured, steps);
      steps.step("AUTH", "accepted for " + settings.username());
    }
    return secured;
  }

  /** EHLO, or HELO when the server does not know EHLO (RFC 5321 §4.1.4). */
  private Capabilities hello() throws SmtpException {
    String ehlo = "EHLO " + settings.localhost();
    SmtpReply reply = connection.command(ehlo);
    if (reply.code() == 250) {
      return Capabilities.parse(reply);
    }
    if (!reply.isPermanentFailure()) {
      expect(ehlo, reply, 250, "server refused EHLO"); // throws
    }
    String helo = "HELO " + settings.localhost();
    expect(helo, connection.command(helo), 250, "server refused HELO");
    return Capabilities.NONE;
  }

  /** STARTTLS as the TLS mode asks; afterwards the old capabilities are forgotten (RFC 3207). */
  private Capabilities secure(Capabilities capabilities) throws SmtpException {
    TlsMode tls = settings.tls();
    if (tls == TlsMode.NONE || tls == TlsMode.IMPLICIT) {
      return capabilities;
    }
    if (!capabilities.startTls()) {
      if (tls == TlsMode.STARTTLS) {
        throw SmtpException.configuration(
            server,
            "STARTTLS",
            "server does not offer STARTTLS, which <tls>STARTTLS</tls> requires;"
                + " use <tls>IMPLICIT</tls> if it expects TLS from the start");
      }
      return capabilities;
    }
    expect("STARTTLS", connection.command("STARTTLS"), 220, "server refused STARTTLS");
    connection.startTls();
    String ehlo = "EHLO " + settings.localhost();
    SmtpReply reply = connection.command(ehlo);
    expect(ehlo, reply, 250, "server refused EHLO after STARTTLS");
    return Capabilities.parse(reply);
  }

  private void authenticate(Capabilities capabilities, StepListener steps) throws SmtpException {
    if (!connection.isEncrypted() && settings.tls() != TlsMode.NONE) {
      throw SmtpException.configuration(
          server,
          "AUTH",
          "refusing to send credentials over an unencrypted connection"
              + " (the server did not offer STARTTLS); enable TLS on the server or use"
              + " <tls>IMPLICIT</tls>, or write <tls>NONE</tls> to allow clear-text credentials");
    }
    if (capabilities.authMechanisms().isEmpty()) {
      throw SmtpException.configuration(
          server,
          "AUTH",
          "a username is configured but the server offers no AUTH;"
              + " remove <username>/<password> or use a server that authenticates");
    }
    AuthMechanism mechanism = choose(capabilities);
    if (mechanism == AuthMechanism.XOAUTH2) {
      new OAuthLogin(server, connection, settings).authenticate(steps);
      return;
    }
    Authenticator.of(mechanism).authenticate(connection, settings.username(), settings.password());
  }

  private AuthMechanism choose(Capabilities capabilities) throws SmtpException {
    AuthMechanism forced = settings.authMechanism();
    if (forced == null && settings.tokens() != null) {
      forced = AuthMechanism.XOAUTH2; // a token source is configured: that is how to sign in
    }
    if (forced != null) {
      if (!capabilities.offersAuth(forced)) {
        throw SmtpException.configuration(
            server,
            "AUTH",
            "server does not offer AUTH "
                + forced
                + " (it offers "
                + String.join(" ", capabilities.authMechanisms())
                + (forced == AuthMechanism.XOAUTH2
                    ? "); it takes no OAuth token: sign in with a password, or use the provider's"
                        + " OAuth submission server"
                    : "); change <authMechanism>"));
      }
      return forced;
    }
    for (AuthMechanism preferred : List.of(AuthMechanism.PLAIN, AuthMechanism.LOGIN)) {
      if (capabilities.offersAuth(preferred)) {
        return preferred;
      }
    }
    throw SmtpException.configuration(
        server,
        "AUTH",
        "server offers only AUTH "
            + String.join(" ", capabilities.authMechanisms())
            + "; supported are PLAIN and LOGIN");
  }

  /** Resets an unfinished transaction; a server that refuses changes nothing already delivered. */
  private void resetQuietly() {
    if (!connection.isBroken()) {
      try {
        connection.command("RSET");
      } catch (SmtpException ignored) {
        // the connection is unusable now; the session's next step will say so
      }
    }
  }

  /** Ends the session; its outcome no longer matters, so errors are ignored. */
  private void quit() {
    try {
      connection.command("QUIT");
    } catch (SmtpException ignored) {
      // the message is delivered (or the failure already known); a rude server changes nothing
    }
  }

  private void expect(String command, SmtpReply reply, int expected, String what)
      throws SmtpException {
    Replies.expect(server, command, reply, expected, what);
  }
}
