package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.smtp.ScriptedSmtpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * A monitoring system runs the command line and acts on its exit code; an engineer reads its error
 * line on a terminal. Neither may be misled by a server that answers garbage, too many recipients,
 * an expired certificate or an old TLS version, nor may a server's bytes drive the terminal.
 */
class AlertMailCliHostileServerTest {

  private static final Path CA = Path.of("src/test/resources/tls/ca.p12").toAbsolutePath();

  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        AlertMailCli.run(
            args,
            env,
            new ByteArrayInputStream("body\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run send(int port, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "send",
                "--smtp-host",
                "127.0.0.1:" + port,
                "--from",
                "alerts@example.com",
                "--subject",
                "disk full"));
    args.addAll(List.of(more));
    if (!args.contains("--tls")) {
      args.addAll(List.of("--tls", "none"));
    }
    if (!args.contains("--to")) {
      args.addAll(List.of("--to", "ops@example.com"));
    }
    return run(Map.of(), args.toArray(String[]::new));
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x7f);
  }

  @Test
  void garbageFromTheServerMeansRetryLaterNotGiveUp() throws Exception {
    for (String garbage : List.of("999 what", "25", "HTTP/1.1 400 Bad Request")) {
      try (ScriptedSmtpServer server =
          ScriptedSmtpServer.start(
              peer -> {
                peer.send(garbage);
                peer.awaitClose();
              })) {
        Run run = send(server.port());

        assertEquals(75, run.code(), garbage + ": " + run.err());
      }
    }
  }

  @Test
  void aServersControlCharactersReachTheTerminalEscaped() throws Exception {
    String hostile = "550 \u001b]0;owned\u0007\u001b[2J\u0000\rERROR forged";
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test \u001b[31mred");
              peer.readLine(); // EHLO
              peer.send("250 mx.test");
              peer.expect("MAIL FROM:<alerts@example.com>").send(hostile);
              peer.expect("QUIT").send("221 bye");
            })) {
      Run quiet = send(server.port());

      assertEquals(69, quiet.code(), quiet.err());
      assertFalse(hasControl(quiet.err()), quiet.err());
      assertTrue(
          quiet.err().contains("550 \\x1b]0;owned\\x07\\x1b[2J\\x00\\x0dERROR forged"),
          quiet.err());
    }
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test \u001b[31mred");
              peer.readLine(); // EHLO
              peer.send("250 mx.test");
              peer.expect("MAIL FROM:<alerts@example.com>").send(hostile);
              peer.expect("QUIT").send("221 bye");
            })) {
      Run verbose = send(server.port(), "--verbose");

      assertFalse(hasControl(verbose.err()), verbose.err());
      assertTrue(verbose.err().contains("S: 220 mx.test \\x1b[31mred"), verbose.err());
    }
  }

  @Test
  void recipientsBeyondTheServersLimitStillGetTheMailAndNobodyGetsItTwice() throws Exception {
    List<String> recipients = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      recipients.add("ops" + i + "@example.com");
    }
    List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP Postfix");
              peer.readLine(); // EHLO
              peer.send("250-mx.test", "250 PIPELINING");
              for (List<String> rest = recipients; !rest.isEmpty(); ) {
                // with PIPELINING, MAIL, every RCPT and DATA come in one write
                peer.expect("MAIL FROM:<alerts@example.com>");
                List<String> replies = new ArrayList<>(List.of("250 2.1.0 Ok"));
                List<String> taken = new ArrayList<>();
                for (String recipient : rest) {
                  peer.expect("RCPT TO:<" + recipient + ">");
                  boolean room = taken.size() < 3;
                  replies.add(room ? "250 2.1.5 Ok" : "452 4.5.3 Error: too many recipients");
                  if (room) {
                    taken.add(recipient);
                  }
                }
                peer.expect("DATA");
                replies.add("354 End data with <CR><LF>.<CR><LF>");
                peer.send(replies.toArray(String[]::new));
                peer.readData();
                peer.send("250 2.0.0 Ok: queued as Q" + delivered.size());
                delivered.addAll(taken);
                rest = rest.subList(taken.size(), rest.size());
              }
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run = send(server.port(), "--to", String.join(",", recipients));

      assertEquals(0, run.code(), run.err());
      server.awaitScript();
      assertEquals(recipients, delivered);
      assertTrue(run.out().contains("queued as Q6"), run.out());
    }
  }

  private static SSLContext serverTls(String store) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of("src/test/resources/tls", store))) {
      keys.load(in, "changeit".toCharArray());
    }
    var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  @Test
  void anExpiredCertificateIsAConfigurationErrorThatSaysWhoMustRenewIt() throws Exception {
    SSLContext expired = serverTls("expired.p12");
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.readLine(); // EHLO
              peer.send("250-mx.test", "250 STARTTLS");
              peer.expect("STARTTLS").send("220 ready");
              peer.startTlsExpectingFailure(expired);
            })) {
      Run run =
          run(
              Map.of("ALERTMAIL_TRUST_STORE_PASSWORD", "changeit"),
              "send",
              "--from",
              "alerts@example.com",
              "--to",
              "ops@example.com",
              "--smtp-host",
              "localhost:" + server.port(),
              "--tls",
              "starttls",
              "--trust-store",
              CA.toString());

      assertEquals(78, run.code(), run.err());
      assertTrue(run.err().contains("certificate has expired (NotAfter: "), run.err());
      assertTrue(run.err().contains("must renew it"), run.err());
      assertTrue(run.err().contains("openssl s_client -connect localhost:"), run.err());
    }
  }

  @Test
  void aServerThatSpeaksOnlyOldTlsIsNamedAsSuch() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.readLine(); // EHLO
              peer.send("250-mx.test", "250 STARTTLS");
              peer.expect("STARTTLS").send("220 ready");
              peer.read(5); // the start of the client's hello, then TLS 1.0's refusal of it
              peer.sendRaw("\u0015\u0003\u0001\u0000\u0002\u0002\u0046");
              peer.awaitClose();
            })) {
      Run run = send(server.port(), "--tls", "starttls");

      assertEquals(69, run.code(), run.err());
      assertTrue(run.err().contains("offers only TLS 1.0 or 1.1"), run.err());
      assertTrue(run.err().contains("must offer TLS 1.2 or 1.3"), run.err());
    }
  }
}
