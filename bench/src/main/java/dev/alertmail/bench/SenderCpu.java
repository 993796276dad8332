package dev.alertmail.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The sender thread's CPU per alert in a storm: one logging thread logs errors of three kinds (with
 * a cause chain, as a failing database gives) through AlertMail to a fast sink server, in bursts
 * that fit the hand-off so that every alert reaches the sender; then the sender thread's CPU time
 * (the JVM's thread CPU clock) is divided by the number of errors. Run with {@code java -cp bench/target/benchmarks.jar
 * dev.alertmail.bench.SenderCpu 200000}.
 */
public final class SenderCpu {

  private SenderCpu() {}

  public static void main(String[] args) throws Exception {
    int errors = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (SinkSmtpServer sink = new SinkSmtpServer()) {
      LoggerContext context = Peer.ALERTMAIL.context(sink.port());
      Logger log = context.getLogger("com.shop.db.OrderDao");
      Thread sender = null;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("alertmail-sender")) {
          sender = t;
        }
      }
      Exception cause =
          new IllegalStateException(
              "connection pool exhausted", new java.sql.SQLException("Connection refused"));
      for (int i = 0; i < errors; i++) {
        log.error("Database down: could not load order {}", i % 3 == 0 ? "A-" + i : i, cause);
        if (i % 3 == 1) {
          log.error("Payment provider {} timed out", "paycorp");
        }
        if (i % 500 == 499) {
          Thread.sleep(5); // bursts that fit the hand-off: every alert reaches the sender
        }
      }
      Thread.sleep(2_000); // the sender catches up; the mail itself waits for groupWait
      long cpu = threads.getThreadCpuTime(sender.getId());
      context.stop(); // the last mail
      System.out.printf(
          "%d errors logged; sender thread CPU %.1f ms, %.0f ns per error logged%n",
          errors + errors / 3,
          cpu / 1e6,
          (double) cpu / (errors + errors / 3));
    }
  }
}
