package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code readTimeout} bounds a whole reply, not one read: a server that trickles its reply one byte
 * at a time cannot hold the client, and the next relay is tried. The JUnit timeouts only turn a
 * hang into a failure; the assertions are about what the client reports and where mail went.
 */
class SmtpDeadlineTest {

  private static final byte[] MESSAGE =
      "Subject: x\r\nFrom: alerts@example.com\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

  /** STARTTLS to the scripted server, trusting its test certificate. */
  private static SmtpSettings startTls(int port, Duration connectTimeout, Duration readTimeout)
      throws Exception {
    return TestSettings.timed(
        port, TlsMode.STARTTLS, connectTimeout, readTimeout, TlsFixtures.trusting("server.p12"));
  }

  /** Sends a long greeting one byte every 100 ms: each read returns well inside readTimeout. */
  private static void trickle(ScriptedSmtpServer.Peer peer) throws IOException {
    String greeting = "220 slow.test " + "x".repeat(400) + "\r\n";
    try {
      for (char c : greeting.toCharArray()) {
        peer.sendRaw(String.valueOf(c));
        TimeUnit.MILLISECONDS.sleep(100); // the server's pace, not the test waiting
      }
    } catch (SocketException | InterruptedException e) {
      // the client hung up, as it should
    }
  }

  @Test
  @Timeout(30)
  void aTricklingGreetingFailsAfterReadTimeoutAsATransientFailure() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start(SmtpDeadlineTest::trickle)) {
      var client =
          new SmtpClient(
              TestSettings.withReadTimeout(server.port(), Duration.ofSeconds(1)), Transcript.NONE);

      SmtpException e =
          assertThrows(SmtpException.class, () -> client.send(SmtpDialogueTest.ENVELOPE, MESSAGE));

      assertTrue(e.isTransient(), e.getMessage());
      assertEquals("greeting", e.command());
      assertTrue(
          e.getMessage().contains("no complete reply within readTimeout (1 second)"),
          e.getMessage());
    }
  }

  @Test
  @Timeout(30)
  void aServerThatNeverCompletesTheConnectionFailsAfterConnectTimeout() throws Exception {
    // a listener that never accepts, with its queue full: Linux then drops further SYNs, and a
    // connect hangs as it does towards a firewalled host
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      List<Socket> queued = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket();
          queued.add(s);
          try {
            s.connect(full.getLocalSocketAddress(), 200);
          } catch (IOException e) {
            break; // the queue is full: this connect hung
          }
        }
        var settings =
            TestSettings.timed(
                full.getLocalPort(),
                TlsMode.NONE,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                null);
        var client = new SmtpClient(settings, Transcript.NONE);

        SmtpException e =
            assertThrows(
                SmtpException.class, () -> client.send(SmtpDialogueTest.ENVELOPE, MESSAGE));

        assertTrue(e.isTransient(), e.getMessage());
        assertEquals("connect", e.command());
        assertTrue(e.getMessage().contains("no connection within 1 second"), e.getMessage());
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  @Timeout(30)
  void aTlsWriteToAServerThatStoppedReadingEndsAfterReadTimeout() throws Exception {
    // the message is larger than both sides' socket buffers, so the client's TLS write blocks;
    // closing the SSLSocket would wait for that write, so the watchdog closes the TCP socket
    byte[] big = new byte[32 << 20];
    java.util.Arrays.fill(big, (byte) 'x');
    for (int i = 998; i < big.length; i += 1000) {
      big[i] = '\r';
      big[i + 1] = '\n';
    }
    var serverTls = TlsFixtures.serverContext("server.p12");
    var stopReading = new java.util.concurrent.CountDownLatch(1);
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer);
              peer.startTls(serverTls);
              for (String line = peer.readLine(); line != null; line = peer.readLine()) {
                if (line.equals("DATA")) {
                  peer.send("354 go");
                  stopReading.await(30, TimeUnit.SECONDS); // reads nothing more
                  return;
                }
                peer.send("250 ok");
              }
            })) {
      var settings = startTls(server.port(), Duration.ofSeconds(5), Duration.ofSeconds(1));

      SmtpException e;
      try {
        e =
            assertThrows(
                SmtpException.class,
                () ->
                    new SmtpClient(settings, Transcript.NONE).send(SmtpDialogueTest.ENVELOPE, big));
      } finally {
        stopReading.countDown();
      }

      assertTrue(e.isTransient(), e.getMessage());
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      assertTrue(e.getMessage().contains("message"), "the write of the message: " + e.getMessage());
    }
  }

  @Test
  @Timeout(30)
  void aTrickledStartTlsHandshakeFailsAfterConnectTimeout() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer);
              peer.sendRaw("\u0016\u0003\u0003\u0040\u0000"); // a handshake record of 16 KiB
              try {
                for (int i = 0; i < 100; i++) {
                  TimeUnit.MILLISECONDS.sleep(200); // the server's pace, not the test waiting
                  peer.sendRaw("x");
                }
              } catch (SocketException | InterruptedException e) {
                // the client hung up, as it should
              }
            })) {
      var settings = startTls(server.port(), Duration.ofSeconds(1), Duration.ofSeconds(5));

      SmtpException e =
          assertThrows(
              SmtpException.class,
              () ->
                  new SmtpClient(settings, Transcript.NONE)
                      .send(SmtpDialogueTest.ENVELOPE, MESSAGE));

      assertTrue(e.isTransient(), e.getMessage());
      assertTrue(e.getMessage().contains("no TLS handshake within 1 second"), e.getMessage());
    }
  }

  @Test
  @Timeout(30)
  void aTricklingRelayIsLeftForTheNextOne() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    GreenMail standby = new GreenMail(new ServerSetup(port, "127.0.0.2", "smtp"));
    standby.start();
    try (ScriptedSmtpServer slow = ScriptedSmtpServer.start(SmtpDeadlineTest::trickle)) {
      var relays = List.of(new HostPort("127.0.0.1", slow.port()), new HostPort("127.0.0.2", port));
      TransportReport report =
          SmtpTransport.viaRelays(
                  relays,
                  TestSettings.withReadTimeout(port, Duration.ofSeconds(1)),
                  Transcript.NONE)
              .send(new Envelope("alerts@example.com", List.of("ops@shop.test")), MESSAGE);

      assertEquals(List.of(), report.failed());
      assertEquals("127.0.0.2:" + port, report.delivered().get(0).server());
      assertEquals(1, standby.getReceivedMessages().length);
    } finally {
      standby.stop();
    }
  }

  @Test
  @Timeout(30)
  void aServerAnsweringEachStepJustInTimeIsEndedByTheSessionBound() throws Exception {
    List<String> recipients =
        java.util.stream.IntStream.range(0, 12).mapToObj(i -> "ops" + i + "@example.com").toList();
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              try {
                TimeUnit.MILLISECONDS.sleep(450);
                peer.send("220 slow.test");
                for (String line = peer.readLine(); line != null; line = peer.readLine()) {
                  TimeUnit.MILLISECONDS.sleep(450); // each reply inside readTimeout
                  peer.send("250 ok");
                }
              } catch (SocketException e) {
                // the client ended the session
              }
            })) {
      var settings =
          TestSettings.timed(
              server.port(), TlsMode.NONE, Duration.ofMillis(250), Duration.ofMillis(500), null);
      var client = new SmtpClient(settings, Transcript.NONE);

      SmtpException e =
          assertThrows(
              SmtpException.class,
              () -> client.send(new Envelope("alerts@example.com", recipients), MESSAGE));

      assertTrue(e.isTransient(), e.getMessage());
      assertTrue(e.getMessage().contains("the session took longer than"), e.getMessage());
    }
  }
}
