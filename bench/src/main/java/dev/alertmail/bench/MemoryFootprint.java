package dev.alertmail.bench;

import ch.qos.logback.classic.LoggerContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.slf4j.Logger;

/**
 * Heap retained by each appender after a million ERROR events with distinct messages during a
 * mail server outage (a server that accepts and never answers). Not JMH: it measures a state, not
 * a rate.
 *
 * <p>Run: {@code java -Xmx1g -cp bench/target/benchmarks.jar dev.alertmail.bench.MemoryFootprint
 * [events [peer...]]}; {@code bench/run.sh} runs each peer in its own JVM, so one peer's out of
 * memory cannot spoil another's figure.
 */
public final class MemoryFootprint {

  private MemoryFootprint() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    System.out.printf("%-14s %12s %14s%n", "peer", "events", "retained heap");
    Peer[] peers = Peer.values();
    if (args.length > 1) {
      peers = new Peer[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        peers[i - 1] = Peer.valueOf(args[i]);
      }
    }
    for (Peer peer : peers) {
      System.out.printf("%-14s %12d %14s%n", peer, events, measure(peer, events));
    }
  }

  private static String measure(Peer peer, int events) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (SilentSmtpServer server = new SilentSmtpServer()) {
      long before = settledHeap(memory);
      LoggerContext context = peer.context(server.port());
      Logger logger = context.getLogger("com.shop.db.ShardRouter");
      try {
        for (int i = 0; i < events; i++) {
          logger.error(
              "timeout on shard " + (i % 16) + " for order " + i,
              new IllegalStateException("order " + i + " not committed"));
        }
      } catch (OutOfMemoryError e) {
        return "out of memory";
      }
      long after = settledHeap(memory);
      String result = String.format("%,.1f MB", (after - before) / 1_048_576.0);
      // keep the context reachable until measured, then let it go
      context.getStatusManager();
      Thread stopper = new Thread(context::stop);
      stopper.setDaemon(true);
      stopper.start();
      return result;
    }
  }

  private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
