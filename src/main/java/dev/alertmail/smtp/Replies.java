package dev.alertmail.smtp;

/** Checks a reply against the one a step expects, turning anything else into an exception. */
final class Replies {

  private Replies() {}

  static void expect(String server, String command, SmtpReply reply, int expected, String what)
      throws SmtpException {
    if (reply.code() == expected) {
      return;
    }
    if (reply.isPositive()) {
      throw new SmtpException(
          server + ": " + command + ": unexpected reply " + reply, command, reply, false, null);
    }
    throw SmtpException.rejected(server, command, reply, what);
  }
}
