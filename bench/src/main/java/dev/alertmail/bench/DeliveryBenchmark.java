package dev.alertmail.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.alertmail.smtp.Envelope;
import dev.alertmail.smtp.SmtpClient;
import dev.alertmail.smtp.SmtpSettings;
import dev.alertmail.smtp.TlsMode;
import dev.alertmail.smtp.Transcript;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Delivery: mails per second from one client to a local server, the same 6 KB alert mail for both
 * clients, one session per mail or ten mails per session.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class DeliveryBenchmark {

  /** The two SMTP clients. */
  public enum Client {
    ALERTMAIL,
    ANGUS_MAIL
  }

  @Param({"ALERTMAIL", "ANGUS_MAIL"})
  public Client client;

  /** GreenMail, as the issue asks, and a sink fast enough that the client's own cost shows. */
  @Param({"GREENMAIL", "SINK"})
  public String server;

  private GreenMail greenMail;
  private SinkSmtpServer sink;
  private byte[] message;
  private SmtpClient alertMail;
  private Envelope envelope;
  private Session session;
  private MimeMessage angusMessage;
  private List<Envelope> batchEnvelopes;
  private List<byte[]> batchMessages;

  static final int BATCH = 10;

  @Setup(Level.Trial)
  public void start() throws Exception {
    int port;
    if (server.equals("GREENMAIL")) {
      greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
      greenMail.start();
      port = greenMail.getSmtp().getPort();
    } else {
      sink = new SinkSmtpServer();
      port = sink.port();
    }
    message = sampleMessage();
    alertMail = alertMailClient(port);
    envelope = new Envelope("alerts@example.com", List.of("ops@example.com"));
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(port));
    props.put("mail.smtp.localhost", "bench.example.com");
    session = Session.getInstance(props);
    angusMessage = new MimeMessage(session, new ByteArrayInputStream(message));
    angusMessage.saveChanges(); // headers settled once, as a sender reusing a message would
    batchEnvelopes = java.util.Collections.nCopies(BATCH, envelope);
    batchMessages = java.util.Collections.nCopies(BATCH, message);
  }

  @TearDown(Level.Iteration)
  public void purge() throws Exception {
    if (greenMail != null) {
      greenMail.purgeEmailFromAllMailboxes();
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    if (greenMail != null) {
      greenMail.stop();
    } else {
      sink.close();
    }
  }

  /** One SMTP session per mail: connect, EHLO, MAIL, RCPT, DATA, QUIT. */
  @Benchmark
  public Object oneSessionPerMail() throws Exception {
    if (client == Client.ALERTMAIL) {
      return alertMail.send(envelope, message);
    }
    Transport.send(angusMessage);
    return angusMessage;
  }

  /**
   * Ten mails over one session; AlertMail pipelines MAIL, RCPT and DATA where the server offers
   * PIPELINING (GreenMail does not, so this measures the reuse alone there).
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object tenMailsPerSession() throws Exception {
    if (client == Client.ALERTMAIL) {
      return alertMail.sendAll(batchEnvelopes, batchMessages);
    }
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      for (int i = 0; i < BATCH; i++) {
        transport.sendMessage(angusMessage, angusMessage.getAllRecipients());
      }
    }
    return angusMessage;
  }

  /** AlertMail's client for a local server without TLS, as both delivery measurements use it. */
  static SmtpClient alertMailClient(int port) {
    return new SmtpClient(
        new SmtpSettings(
            "127.0.0.1",
            port,
            TlsMode.NONE,
            null,
            null,
            null,
            "bench.example.com",
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            null),
        Transcript.NONE);
  }

  /** A typical alert mail: headers, a text part with a stack trace, quoted-printable. */
  static byte[] sampleMessage() {
    StringBuilder body = new StringBuilder();
    body.append("1 error in shop on app1\r\n\r\nMessage:     timeout on shard 2\r\n\r\n");
    body.append("java.lang.IllegalStateException: connection pool exhausted\r\n");
    for (int i = 0; i < 80; i++) {
      body.append("\tat com.shop.db.ShardRouter.route(ShardRouter.java:").append(i).append(")\r\n");
    }
    String text =
        "Date: Tue, 24 Nov 2026 12:00:00 +0000\r\n"
            + "From: alerts@example.com\r\n"
            + "To: ops@example.com\r\n"
            + "Message-ID: <bench-1@example.com>\r\n"
            + "Subject: [shop] ERROR c.s.d.ShardRouter: timeout on shard 2\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n"
            + "\r\n"
            + body;
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
