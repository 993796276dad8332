package dev.alertmail.bench;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/**
 * The quiet path through Log4j 2: INFO events that trigger nothing, beside an empty appender (the
 * floor), Log4j's AsyncAppender around it, Log4j's own SmtpAppender and AlertMail's Log4j appender.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Log4jQuietPathBenchmark {

  @Param({"EMPTY", "ASYNC", "LOG4J_SMTP", "ALERTMAIL"})
  public Log4jPeer peer;

  private SilentSmtpServer server;
  private LoggerContext context;
  private Logger logger;

  @Setup(org.openjdk.jmh.annotations.Level.Trial)
  public void start() throws Exception {
    server = new SilentSmtpServer();
    context = peer.context(server.port());
    logger = context.getLogger("com.shop.checkout.OrderService");
  }

  @TearDown(org.openjdk.jmh.annotations.Level.Trial)
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
