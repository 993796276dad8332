package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each kind of failure is classified (transient or permanent) and which step is named. */
class SmtpFailureTest {

  private static final byte[] MESSAGE =
      "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

  private final RecordingTranscript transcript = new RecordingTranscript();
  private ScriptedSmtpServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private SmtpException failure(SmtpSettings settings) {
    var client = new SmtpClient(settings, transcript);
    return assertThrows(SmtpException.class, () -> client.send(SmtpDialogueTest.ENVELOPE, MESSAGE));
  }

  private SmtpException failure() {
    return failure(TestSettings.plain(server.port()));
  }

  /** Plays an accepting server that answers {@code reply} at {@code step} instead. */
  private static void failAt(ScriptedSmtpServer.Peer peer, String step, String reply)
      throws Exception {
    if (step.equals("greeting")) {
      peer.send(reply);
    } else {
      peer.send("220 mx.test");
      if (step.equals("EHLO")) {
        peer.expect("EHLO client.test").send(reply);
      } else if (step.equals("HELO")) {
        peer.expect("EHLO client.test").send("502 no EHLO here");
        peer.expect("HELO client.test").send(reply);
      } else {
        peer.expect("EHLO client.test").send("250 mx.test");
        peer.expect("MAIL FROM:<alerts@example.com>").send(step.equals("MAIL") ? reply : "250 ok");
        if (!step.equals("MAIL")) {
          peer.expect("RCPT TO:<ops@example.com>").send(step.equals("RCPT") ? reply : "250 ok");
        }
        if (!step.equals("MAIL") && !step.equals("RCPT")) {
          peer.expect("DATA").send(step.equals("DATA") ? reply : "354 go");
        }
        if (step.equals("end")) {
          peer.readData();
          peer.send(reply);
        }
      }
    }
    if (reply.startsWith("421")) {
      peer.awaitClose(); // the client must not linger or say QUIT to a closing server
    } else {
      peer.expect("QUIT").send("221 bye");
    }
  }

  @ParameterizedTest(name = "{1} at {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "greeting | 421 mx.test busy       | true  | greeting",
        "greeting | 554 no service for you | false | greeting",
        "greeting | 250 wrong code         | false | greeting",
        "EHLO     | 421 closing            | true  | EHLO client.test",
        "EHLO     | 451 try later          | true  | EHLO client.test",
        "HELO     | 554 go away            | false | HELO client.test",
        "HELO     | 450 later              | true  | HELO client.test",
        "MAIL     | 451 later              | true  | MAIL FROM:<alerts@example.com>",
        "MAIL     | 550 sender refused     | false | MAIL FROM:<alerts@example.com>",
        "MAIL     | 421 closing            | true  | MAIL FROM:<alerts@example.com>",
        "RCPT     | 450 mailbox busy       | true  | RCPT TO:<ops@example.com>",
        "RCPT     | 550 no such user       | false | RCPT TO:<ops@example.com>",
        "RCPT     | 421 closing            | true  | RCPT TO:<ops@example.com>",
        "DATA     | 451 later              | true  | DATA",
        "DATA     | 554 no                 | false | DATA",
        "DATA     | 421 closing            | true  | DATA",
        "end      | 452 storage full       | true  | end of data",
        "end      | 552 message too big    | false | end of data",
        "end      | 421 closing            | true  | end of data",
      })
  void classifiesReplyFailuresAtEachStep(
      String step, String reply, boolean isTransient, String command) throws Exception {
    server = ScriptedSmtpServer.start(peer -> failAt(peer, step, reply));
    SmtpException e = failure();
    assertEquals(isTransient, e.isTransient(), e.getMessage());
    assertEquals(command, e.command());
    assertEquals(Integer.parseInt(reply.substring(0, 3)), e.reply().code());
    assertTrue(e.getMessage().contains(reply.substring(4)), e.getMessage());
    server.awaitScript();
  }

  @Test
  void droppedConnectionIsTransientAndNamesTheStep() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250 mx.test");
              peer.expect("MAIL FROM:<alerts@example.com>");
              peer.drop();
            });
    SmtpException e = failure();
    assertTrue(e.isTransient());
    assertEquals("MAIL FROM:<alerts@example.com>", e.command());
    assertNull(e.reply());
    assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
  }

  @Test
  void silentServerTriggersTheReadTimeout() throws Exception {
    server = ScriptedSmtpServer.start(ScriptedSmtpServer.Peer::awaitClose);
    SmtpException e = failure(TestSettings.withReadTimeout(server.port(), Duration.ofMillis(200)));
    assertTrue(e.isTransient());
    assertEquals("greeting", e.command());
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
  }

  @Test
  void serverSilentAfterTheMessageTriggersTheReadTimeout() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250 mx.test");
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("DATA").send("354 go");
              peer.readData();
              peer.awaitClose();
            });
    SmtpException e = failure(TestSettings.withReadTimeout(server.port(), Duration.ofMillis(200)));
    assertTrue(e.isTransient());
    assertEquals("end of data", e.command());
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
  }

  /**
   * Only a well-formed 5xx is the server's verdict. Garbage is a broken peer (a proxy, a half-dead
   * server): retried later and failed over, as a dropped connection is, never an alert given up.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP/1.1 400 Bad Request | malformed reply line",
        "999 no such code         | reply code out of range",
        "25                       | malformed reply line",
        "099 too low              | reply code out of range",
      })
  void malformedRepliesAreTransientServerFailures(String reply, String says) throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send(reply);
              peer.awaitClose();
            });
    SmtpException e = failure();
    assertTrue(e.isTransient(), e.getMessage());
    assertEquals(SmtpException.Reason.SERVER, e.reason());
    assertEquals("greeting", e.command());
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  @Test
  void endlessReplyLineIsCutOffAndRetriedLater() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.sendRaw("220 " + "x".repeat(10_000));
              peer.awaitClose();
            });
    SmtpException e = failure();
    assertTrue(e.isTransient());
    assertTrue(e.getMessage().contains("longer than"), e.getMessage());
  }

  @Test
  void endlessReplyIsCutOffAndRetriedLater() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test");
              for (int i = 0; i < 300; i++) {
                peer.send("250-EXTENSION" + i);
              }
              peer.awaitClose();
            });
    SmtpException e = failure();
    assertTrue(e.isTransient());
    assertEquals("EHLO client.test", e.command());
    assertTrue(e.getMessage().contains("more than 256 lines"), e.getMessage());
  }

  @Test
  void aServerThatDoesNotAnnounceSizeButRefusesTheMessageAsTooLargeSaysItsLimit() throws Exception {
    server = ScriptedSmtpServer.start(peer -> failAt(peer, "end", "552 5.3.4 message too big"));
    SmtpException e = failure();
    assertFalse(e.isTransient());
    assertEquals(MESSAGE.length / 2, e.sizeLimit(), "half the size is the next try");
  }

  @Test
  void controlCharactersInARefusalAreShownEscaped() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> failAt(peer, "MAIL", "550 \u001b]0;pwned\u0007\u001b[2J\rfake log line"));
    SmtpException e = failure();
    assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
    assertTrue(
        e.getMessage().contains("550 \\x1b]0;pwned\\x07\\x1b[2J\\x0dfake log line"),
        e.getMessage());
    assertFalse(
        transcript.lines().stream().anyMatch(l -> l.chars().anyMatch(c -> c < 0x20)),
        transcript.lines().toString());
    assertTrue(
        transcript.lines().contains("S: 550 \\x1b]0;pwned\\x07\\x1b[2J\\x0dfake log line"),
        transcript.lines().toString());
  }

  @Test
  void refusedConnectionIsTransient() throws Exception {
    int port;
    try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    SmtpException e = failure(TestSettings.plain(port));
    assertTrue(e.isTransient());
    assertEquals("connect", e.command());
    assertNull(e.reply());
  }
}
