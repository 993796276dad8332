package dev.alertmail.smtp;

import dev.alertmail.text.ShortList;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction on an open session: MAIL FROM, RCPT TO per recipient, DATA (RFC 5321 §3.3).
 * With PIPELINING (RFC 2920) the envelope commands and DATA go out in one write and their replies
 * are read in order, saving a round trip per recipient.
 */
final class MailTransaction {

  private final SmtpConnection connection;
  private final String server;
  // pipelined commands whose replies have not been read yet
  private int unread;

  private MailTransaction(SmtpConnection connection) {
    this.connection = connection;
    this.server = connection.server();
  }

  /**
   * Sends one mail. A completed transaction needs no RSET before the next (RFC 5321 §4.1.1.5), and
   * a session stops at its first failed mail, so none is ever sent.
   */
  static DeliveryReport run(
      SmtpConnection connection, Capabilities capabilities, Envelope envelope, byte[] message)
      throws SmtpException {
    return new MailTransaction(connection).send(capabilities, envelope, message);
  }

  private DeliveryReport send(Capabilities capabilities, Envelope envelope, byte[] message)
      throws SmtpException {
    try {
      return transact(capabilities, envelope, message);
    } catch (SmtpException e) {
      if (unread > 0) {
        // replies to pipelined commands are still unread: the dialogue is out of step, and a
        // QUIT now would be answered with a stale reply (or read as message text after a 354)
        connection.abandon();
      }
      throw e;
    }
  }

  private DeliveryReport transact(Capabilities capabilities, Envelope envelope, byte[] message)
      throws SmtpException {
    if (capabilities.maxSize() > 0 && message.length > capabilities.maxSize()) {
      throw SmtpException.tooLarge(
          server,
          "MAIL FROM",
          null,
          "message of "
              + message.length
              + " bytes exceeds the server's SIZE limit of "
              + capabilities.maxSize(),
          capabilities.maxSize());
    }
    String mail = "MAIL FROM:<" + envelope.sender() + ">";
    if (capabilities.eightBitMime() && hasEightBitBytes(message)) {
      mail += " BODY=8BITMIME"; // RFC 6152 §3: declare it, or the server may mangle the bytes
    }
    List<String> rcpts = new ArrayList<>(envelope.recipients().size());
    for (String recipient : envelope.recipients()) {
      rcpts.add("RCPT TO:<" + recipient + ">");
    }
    boolean pipelined = capabilities.pipelining();
    if (pipelined) {
      List<String> batch = new ArrayList<>(rcpts.size() + 2);
      batch.add(mail);
      batch.addAll(rcpts);
      batch.add("DATA");
      connection.sendBatch(batch);
      unread = batch.size();
    }
    SmtpReply mailReply = pipelined ? pipelinedReply(mail) : connection.command(mail);
    List<String> accepted = new ArrayList<>();
    List<RecipientRejection> rejected = new ArrayList<>();
    SmtpException senderRefused = null;
    try {
      Replies.expect(server, mail, mailReply, 250, "sender refused");
    } catch (SmtpException e) {
      if (!pipelined) {
        throw e;
      }
      senderRefused = e; // the replies to what was already sent must still be read
    }
    for (int i = 0; i < rcpts.size(); i++) {
      String rcpt = rcpts.get(i);
      SmtpReply reply = pipelined ? pipelinedReply(rcpt) : connection.command(rcpt);
      if (senderRefused != null) {
        continue;
      }
      if (reply.code() == 250 || reply.code() == 251) {
        accepted.add(envelope.recipients().get(i));
      } else if (reply.code() == 421 || reply.isPositive()) {
        Replies.expect(server, rcpt, reply, 250, "recipient refused"); // throws
      } else {
        rejected.add(new RecipientRejection(envelope.recipients().get(i), reply));
      }
    }
    if (pipelined) {
      SmtpReply data = pipelinedReply("DATA");
      if (senderRefused != null || accepted.isEmpty()) {
        if (data.code() == 354) {
          // RFC 2920 §3.1: the server wants a message nobody can receive; end it empty
          connection.sendMessage(new byte[0]);
          connection.readReply("end of data");
        }
        throw senderRefused != null ? senderRefused : noRecipientAccepted(rejected);
      }
      Replies.expect(server, "DATA", data, 354, "server refused DATA");
    } else {
      if (accepted.isEmpty()) {
        throw noRecipientAccepted(rejected);
      }
      Replies.expect(server, "DATA", connection.command("DATA"), 354, "server refused DATA");
    }
    connection.sendMessage(message);
    SmtpReply queued = connection.readReply("end of data");
    if (isTooLarge(queued)) {
      // too large for a server that announced no SIZE, or a smaller one (RFC 1870 §6.1,
      // RFC 3463 5.3.4): a message half the size is the next guess
      throw SmtpException.tooLarge(
          server,
          "end of data",
          queued,
          "message of " + message.length + " bytes refused as too large: " + queued,
          message.length / 2);
    }
    Replies.expect(server, "end of data", queued, 250, "message refused");
    return new DeliveryReport(server, accepted, rejected, queued.toString());
  }

  /**
   * 5.3.4 says "message too big"; a 552 without an enhanced code is taken to mean it too (RFC
   * 1870); a 552 with another code (5.2.2 mailbox full) is about the recipient, not the size.
   */
  private static boolean isTooLarge(SmtpReply reply) {
    String text = reply.text();
    if (text.startsWith("5.3.4")) {
      return reply.code() >= 500;
    }
    boolean enhanced =
        text.length() > 1 && Character.isDigit(text.charAt(0)) && text.charAt(1) == '.';
    return reply.code() == 552 && !enhanced;
  }

  private SmtpReply pipelinedReply(String command) throws SmtpException {
    SmtpReply reply = connection.readReply(command);
    unread--;
    return reply;
  }

  private SmtpException noRecipientAccepted(List<RecipientRejection> rejected) {
    RecipientRejection first =
        rejected.stream()
            .filter(r -> r.reply().isTransientFailure())
            .findFirst()
            .orElse(rejected.get(0));
    var summary = new StringBuilder("no recipient accepted:");
    int shown = rejected.size() <= ShortList.SHOWN + 1 ? rejected.size() : ShortList.SHOWN;
    for (RecipientRejection r : rejected.subList(0, shown)) {
      summary.append(' ').append(r.recipient()).append(" (").append(r.reply().code()).append(')');
    }
    if (rejected.size() > shown) {
      summary.append(" and ").append(rejected.size() - ShortList.SHOWN).append(" more");
    }
    summary.append("; first reply: ").append(first.reply());
    return new SmtpException(
        server + ": " + summary,
        "RCPT TO:<" + first.recipient() + ">",
        first.reply(),
        first.reply().isTransientFailure(),
        null);
  }

  private static boolean hasEightBitBytes(byte[] message) {
    for (byte b : message) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }
}
