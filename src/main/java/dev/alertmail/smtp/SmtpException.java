package dev.alertmail.smtp;

import dev.alertmail.text.UntrustedText;
import java.io.IOException;

/**
 * A session failed. {@link #isTransient()} tells the caller whether to retry later (4yz replies,
 * timeouts, dropped connections, connect failures) or to report the failure (5yz replies, protocol
 * errors, configuration that cannot work, such as credentials over plain text).
 *
 * <p>Neither the message nor {@link #command()} ever contains credentials.
 */
public final class SmtpException extends IOException {

  /** Who has to act, so a caller can say what to fix (and the CLI pick its exit code). */
  public enum Reason {
    /** The server answered with a failure, or broke the protocol. */
    SERVER,
    /** The network or the server did not answer in time or dropped the connection. */
    NETWORK,
    /** A name does not exist in DNS (NXDOMAIN): a typo or a retired host, not a passing fault. */
    NO_SUCH_HOST,
    /** The settings cannot work with this server: trust store, TLS mode, AUTH. */
    CONFIGURATION
  }

  private final String command;
  private final transient SmtpReply reply;
  private final boolean transientFailure;
  private final Reason reason;
  private long sizeLimit;

  SmtpException(
      String message, String command, SmtpReply reply, boolean transientFailure, Throwable cause) {
    this(
        message,
        command,
        reply,
        transientFailure,
        cause,
        reply != null || !transientFailure ? Reason.SERVER : Reason.NETWORK);
  }

  SmtpException(
      String message,
      String command,
      SmtpReply reply,
      boolean transientFailure,
      Throwable cause,
      Reason reason) {
    // a server's words, a DNS name or a JDK message may carry control characters: shown escaped
    super(UntrustedText.visible(message), cause);
    this.command = command;
    this.reply = reply;
    this.transientFailure = transientFailure;
    this.reason = reason;
  }

  /** The settings cannot work with this server; permanent until someone changes them. */
  static SmtpException configuration(String server, String command, String what) {
    return new SmtpException(
        server + ": " + what, command, null, false, null, Reason.CONFIGURATION);
  }

  /** A name that DNS says does not exist; permanent. */
  static SmtpException noSuchHost(String name, String what) {
    return new SmtpException(name + ": " + what, "DNS", null, false, null, Reason.NO_SUCH_HOST);
  }

  /**
   * The message is larger than the server takes: more than the SIZE it announced (RFC 1870), or
   * refused with 552 at its end. Permanent for this message; a smaller one may pass.
   *
   * @param limit the server's limit in bytes
   */
  static SmtpException tooLarge(
      String server, String command, SmtpReply reply, String what, long limit) {
    SmtpException e = new SmtpException(server + ": " + what, command, reply, false, null);
    e.limitSize(limit);
    return e;
  }

  /** Records a size limit met on the way; the smallest one counts. */
  void limitSize(long limit) {
    if (limit > 0 && (sizeLimit == 0 || limit < sizeLimit)) {
      sizeLimit = limit;
    }
  }

  /**
   * {@return the most bytes the server takes, when the failure is that the message was larger; 0
   * otherwise} A caller that can make the message smaller sends it again within this.
   */
  public long sizeLimit() {
    return sizeLimit;
  }

  /** {@return who has to act on this failure} */
  public Reason reason() {
    return reason;
  }

  /** A failure the server reported with {@code reply}; transient for 4yz. */
  static SmtpException rejected(String server, String command, SmtpReply reply, String what) {
    return new SmtpException(
        server + ": " + what + ": " + abbreviate(reply),
        command,
        reply,
        reply.isTransientFailure(),
        null);
  }

  /** A failure without a server reply (I/O, timeout, EOF): always transient. */
  static SmtpException io(String server, String command, String what, Throwable cause) {
    return new SmtpException(server + ": " + what, command, null, true, cause);
  }

  /**
   * The server sent something that is not an SMTP reply (a code out of range, a line without one, a
   * reply without end): a broken peer, so transient, as a dropped connection is.
   */
  static SmtpException malformed(String server, String command, String what, Throwable cause) {
    return new SmtpException(server + ": " + what, command, null, true, cause, Reason.SERVER);
  }

  /** A failure that retrying will not fix: protocol violation or unusable configuration. */
  static SmtpException permanent(String server, String command, String what) {
    return new SmtpException(server + ": " + what, command, null, false, null);
  }

  /**
   * {@return the command that failed, with credentials masked, for example {@code "RCPT TO:<a@b>"},
   * or a step name such as {@code "connect"} or {@code "greeting"}}
   */
  public String command() {
    return command;
  }

  /** {@return the server's reply, or null when the failure was not a reply (I/O, timeout)} */
  public SmtpReply reply() {
    return reply;
  }

  /** {@return true when the same delivery may succeed later, so the caller should retry} */
  public boolean isTransient() {
    return transientFailure;
  }

  private static String abbreviate(SmtpReply reply) {
    String text = reply.toString();
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
