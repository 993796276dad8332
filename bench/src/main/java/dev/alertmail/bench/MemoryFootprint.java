package dev.alertmail.bench;

import ch.qos.logback.classic.LoggerContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * Heap retained by each appender after a million ERROR events with distinct messages during a
 * mail server outage (a server that accepts and never answers). Not JMH: it measures a state, not
 * a rate.
 *
 * <p>Run: {@code java -Xmx1g -cp bench/target/benchmarks.jar dev.alertmail.bench.MemoryFootprint
 * [events [peer...]]}, a Log4j 2 peer written {@code log4j:ALERTMAIL}; {@code bench/run.sh} runs each peer in its own JVM, so one peer's out of
 * memory cannot spoil another's figure.
 */
public final class MemoryFootprint {

  private MemoryFootprint() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    System.out.printf("%-18s %12s %s%n", "peer", "events", "retained heap");
    List<String> peers = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      peers.add(args[i]);
    }
    if (peers.isEmpty()) {
      for (Peer peer : Peer.values()) {
        peers.add(peer.name());
      }
      for (Log4jPeer peer : Log4jPeer.values()) {
        peers.add("log4j:" + peer.name());
      }
    }
    for (String peer : peers) {
      System.out.printf("%-18s %12d %s%n", peer, events, measure(peer, events));
    }
  }

  /** Logs the errors through one peer: a Logback peer by name, a Log4j 2 one as {@code log4j:NAME}. */
  private static String measure(String peer, int events) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (SilentSmtpServer server = new SilentSmtpServer()) {
      long before = settledHeap(memory);
      BiConsumer<String, Throwable> error;
      Runnable stop;
      if (peer.startsWith("log4j:")) {
        var context = Log4jPeer.valueOf(peer.substring(6)).context(server.port());
        var logger = context.getLogger("com.shop.db.ShardRouter");
        error = logger::error;
        stop = context::stop;
      } else {
        LoggerContext context = Peer.valueOf(peer).context(server.port());
        Logger logger = context.getLogger("com.shop.db.ShardRouter");
        error = logger::error;
        stop = context::stop;
      }
      // a peer that blocks its caller (Log4j's SmtpAppender sends on the logging thread, and the
      // server never answers) is reported with what it logged in the time allowed
      AtomicInteger logged = new AtomicInteger();
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread application =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < events; i++) {
                    error.accept(
                        "timeout on shard " + (i % 16) + " for order " + i,
                        new IllegalStateException("order " + i + " not committed"));
                    logged.incrementAndGet();
                  }
                } catch (Throwable e) {
                  failed.set(e);
                }
              },
              "application");
      application.setDaemon(true);
      application.start();
      application.join(TimeUnit.SECONDS.toMillis(Long.getLong("memory.seconds", 120)));
      if (failed.get() instanceof OutOfMemoryError) {
        return "out of memory";
      }
      if (application.isAlive()) {
        return String.format(
            "blocked: %,d of %,d logged in %d s", logged.get(), events, Long.getLong("memory.seconds", 120));
      }
      long after = settledHeap(memory);
      String result = String.format("%,.1f MB", (after - before) / 1_048_576.0);
      // keep the context reachable until measured, then let it go
      Thread stopper = new Thread(stop);
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
