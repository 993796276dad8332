package dev.alertmail.bench;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;

/**
 * The storm: ERROR events from two threads while the mail server accepts connections and never
 * answers. Sample mode gives the distribution of each call's time: its high percentiles are the
 * pauses an application thread sees.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Threads(2)
@State(Scope.Benchmark)
public class StormBenchmark {

  @Param({"NOP", "ASYNC_NOP", "LOGBACK_SMTP", "ALERTMAIL"})
  public Peer peer;

  private SilentSmtpServer server;
  private LoggerContext context;
  private Logger logger;
  private final AtomicLong sequence = new AtomicLong();
  private final IllegalStateException failure =
      new IllegalStateException("connection pool exhausted", new java.sql.SQLException("timeout"));

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = new SilentSmtpServer();
    context = peer.context(server.port());
    logger = context.getLogger("com.shop.db.ShardRouter");
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    context.stop();
    server.close();
  }

  @Benchmark
  public void error() {
    logger.error("timeout on shard {} for order {}", 2, sequence.incrementAndGet(), failure);
  }
}
