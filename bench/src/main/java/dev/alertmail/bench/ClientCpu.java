package dev.alertmail.bench;

import dev.alertmail.smtp.Envelope;
import dev.alertmail.smtp.SmtpClient;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The SMTP client's CPU per mail: AlertMail's {@code SmtpClient} and Angus Mail's {@code
 * Transport.send} deliver the same 6 KB alert mail to the sink server, one session per mail, on
 * this thread; the CPU time is the JVM's thread CPU clock of every thread the client uses (this one
 * and AlertMail's deadline thread), never the server's, and the bytes are what this thread
 * allocated. Rounds of the two clients alternate after a warm-up, and the median round is shown.
 * Beside them, the floor: the same dialogue written as fixed bytes to a plain socket, with the
 * same round trips and nothing parsed, which is what the kernel's TCP work alone costs a client.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.alertmail.bench.ClientCpu [mails per
 * round [rounds]]}.
 */
public final class ClientCpu {

  private ClientCpu() {}

  public static void main(String[] args) throws Exception {
    int mails = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (SinkSmtpServer sink = new SinkSmtpServer()) {
      byte[] message = DeliveryBenchmark.sampleMessage();
      SmtpClient alertMail = DeliveryBenchmark.alertMailClient(sink.port());
      Envelope envelope = new Envelope("alerts@example.com", List.of("ops@example.com"));
      Properties props = new Properties();
      props.put("mail.smtp.host", "127.0.0.1");
      props.put("mail.smtp.port", String.valueOf(sink.port()));
      props.put("mail.smtp.localhost", "bench.example.com");
      Session session = Session.getInstance(props);
      MimeMessage angus = new MimeMessage(session, new ByteArrayInputStream(message));
      angus.saveChanges();

      // one session per mail by default; "-Dmails.per.session=10" reuses each session
      int perSession = Integer.getInteger("mails.per.session", 1);
      List<Envelope> envelopes = java.util.Collections.nCopies(perSession, envelope);
      List<byte[]> messages = java.util.Collections.nCopies(perSession, message);
      Delivery alert =
          perSession == 1
              ? () -> alertMail.send(envelope, message)
              : () -> alertMail.sendAll(envelopes, messages);
      Delivery angusSend =
          perSession == 1
              ? () -> Transport.send(angus)
              : () -> {
                try (Transport transport = session.getTransport("smtp")) {
                  transport.connect();
                  for (int i = 0; i < perSession; i++) {
                    transport.sendMessage(angus, angus.getAllRecipients());
                  }
                }
              };
      Delivery raw = () -> RawDialogue.send(sink.port(), message, perSession);
      int sessions = mails / perSession; // rounds of the same number of mails
      System.out.printf("%d mails per session%n", perSession);
      String only = System.getProperty("client", ""); // one client alone, for a profiler
      if (!only.isEmpty()) {
        Delivery chosen =
            only.equals("ANGUS_MAIL") ? angusSend : only.equals("RAW") ? raw : alert;
        for (int i = 0; i < rounds; i++) {
          double[] r = round(chosen, sessions, perSession, threads);
          System.out.printf("%s: %.1f us, %.1f KB per mail%n", only, r[0] / 1e3, r[1] / 1024);
        }
        return;
      }
      for (int i = 0; i < 3; i++) { // warm-up: both clients compiled before any round counts
        round(alert, sessions, perSession, threads);
        round(angusSend, sessions, perSession, threads);
        round(raw, sessions, perSession, threads);
      }
      List<double[]> alertRounds = new ArrayList<>();
      List<double[]> angusRounds = new ArrayList<>();
      List<double[]> rawRounds = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        alertRounds.add(round(alert, sessions, perSession, threads));
        angusRounds.add(round(angusSend, sessions, perSession, threads));
        rawRounds.add(round(raw, sessions, perSession, threads));
      }
      double[] a = median(alertRounds);
      double[] b = median(angusRounds);
      double[] f = median(rawRounds);
      System.out.printf("%d mails per round, %d rounds, median round:%n", mails, rounds);
      System.out.printf("%-10s %14s %16s%n", "client", "CPU per mail", "allocated/mail");
      System.out.printf("%-10s %11.1f us %13.1f KB%n", "AlertMail", a[0] / 1e3, a[1] / 1024);
      System.out.printf("%-10s %11.1f us %13.1f KB%n", "AngusMail", b[0] / 1e3, b[1] / 1024);
      System.out.printf("%-10s %11.1f us %13.1f KB%n", "floor", f[0] / 1e3, f[1] / 1024);
      System.out.printf(
          "AlertMail / Angus Mail: CPU %.2fx, allocated %.2fx; floor / Angus Mail: CPU %.2fx;"
              + " AlertMail / floor: CPU %.2fx%n",
          a[0] / b[0], a[1] / b[1], f[0] / b[0], a[0] / f[0]);
    }
  }

  private interface Delivery {
    void send() throws Exception;
  }

  /** CPU nanoseconds and allocated bytes per mail over one round. */
  private static double[] round(
      Delivery delivery, int sessions, int perSession, com.sun.management.ThreadMXBean mx)
      throws Exception {
    long self = Thread.currentThread().getId();
    long cpu0 = mx.getCurrentThreadCpuTime() + helperCpu(mx);
    long bytes0 = mx.getThreadAllocatedBytes(self);
    for (int i = 0; i < sessions; i++) {
      delivery.send();
    }
    int mails = sessions * perSession;
    long cpu = mx.getCurrentThreadCpuTime() + helperCpu(mx) - cpu0;
    long bytes = mx.getThreadAllocatedBytes(self) - bytes0;
    return new double[] {(double) cpu / mails, (double) bytes / mails};
  }

  /** CPU of AlertMail's own helper threads (the deadline timer), which work for the client. */
  private static long helperCpu(com.sun.management.ThreadMXBean mx) {
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("alertmail-")) {
        total += Math.max(0, mx.getThreadCpuTime(t.getId()));
      }
    }
    return total;
  }

  private static double[] median(List<double[]> rounds) {
    double[] cpu = rounds.stream().mapToDouble(r -> r[0]).sorted().toArray();
    double[] bytes = rounds.stream().mapToDouble(r -> r[1]).sorted().toArray();
    return new double[] {cpu[cpu.length / 2], bytes[bytes.length / 2]};
  }


  /** The least a client can do: the same dialogue, as fixed bytes, waiting for each reply. */
  static final class RawDialogue {
    private static final byte[] EHLO = "EHLO bench.example.com\r\n".getBytes();
    private static final byte[] ENVELOPE =
        "MAIL FROM:<alerts@example.com>\r\nRCPT TO:<ops@example.com>\r\nDATA\r\n".getBytes();
    private static final byte[] END = "\r\n.\r\n".getBytes();
    private static final byte[] QUIT = "QUIT\r\n".getBytes();

    static void send(int port, byte[] message, int count) throws Exception {
      try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        socket.setTcpNoDelay(true);
        var in = socket.getInputStream();
        var out = socket.getOutputStream();
        byte[] buffer = new byte[4096];
        replies(in, buffer, 1); // greeting
        out.write(EHLO);
        replies(in, buffer, 1);
        for (int i = 0; i < count; i++) {
          out.write(ENVELOPE);
          replies(in, buffer, 3);
          out.write(message);
          out.write(END);
          replies(in, buffer, 1);
        }
        out.write(QUIT);
        replies(in, buffer, 1);
      }
    }

    /** Reads until the given number of final reply lines ("250 ", not "250-") arrived. */
    private static void replies(java.io.InputStream in, byte[] buffer, int count)
        throws java.io.IOException {
      int lineStart = 0;
      int filled = 0;
      while (count > 0) {
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          throw new java.io.EOFException();
        }
        for (int i = filled; i < filled + n; i++) {
          if (buffer[i] == '\n') {
            if (i - lineStart >= 4 && buffer[lineStart + 3] == ' ') {
              count--;
            }
            lineStart = i + 1;
          }
        }
        filled += n;
        if (filled == buffer.length) {
          filled = 0;
          lineStart = 0;
        }
      }
    }
  }
}
