package dev.alertmail.bench;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.TimeUnit;
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
 * The quiet path: INFO events that trigger nothing, through a real Logger, while the appender keeps
 * its context buffer. This is what every busy service pays on every log line.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class QuietPathBenchmark {

  @Param({"NOP", "UNSYNC_NOP", "ASYNC_NOP", "LOGBACK_SMTP", "ALERTMAIL"})
  public Peer peer;

  private SilentSmtpServer server;
  private LoggerContext context;
  private Logger logger;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = new SilentSmtpServer();
    context = peer.context(server.port());
    logger = context.getLogger("com.shop.checkout.OrderService");
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    context.stop();
    server.close();
  }

  @Benchmark
  @Threads(1)
  public void info1Thread() {
    logger.info("order {} shipped to {}", 42, "Berlin");
  }

  @Benchmark
  @Threads(2)
  public void info2Threads() {
    logger.info("order {} shipped to {}", 42, "Berlin");
  }
}
