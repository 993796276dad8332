package dev.alertmail.smtp;

/** Script pieces shared by the scripted-server tests. */
final class ScriptedDialogues {

  private ScriptedDialogues() {}

  /** A server that greets, answers EHLO with 8BITMIME and accepts one message. */
  static void accepting(ScriptedSmtpServer.Peer peer) throws Exception {
    peer.send("220 mx.test ESMTP");
    peer.expect("EHLO client.test").send("250-mx.test", "250 8BITMIME");
    acceptTransaction(peer);
  }

  /** Greets, offers STARTTLS and answers it with 220; the caller then handshakes. */
  static void offerStartTls(ScriptedSmtpServer.Peer peer) throws Exception {
    peer.send("220 mx.test");
    peer.expect("EHLO client.test").send("250-mx.test", "250-AUTH PLAIN", "250 STARTTLS");
    peer.expect("STARTTLS").send("220 2.0.0 ready for TLS");
  }

  /** MAIL, one RCPT, DATA and QUIT, all accepted. */
  static void acceptTransaction(ScriptedSmtpServer.Peer peer) throws Exception {
    peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
    peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
    peer.expect("DATA").send("354 go ahead");
    peer.readData();
    peer.send("250 queued");
    peer.expect("QUIT").send("221 bye");
  }
}
