package dev.alertmail.bench;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.Property;
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
 * floor), Log4j's AsyncAppender around it, and AlertMail's Log4j appender.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Log4jQuietPathBenchmark {

  @Param({"EMPTY", "ASYNC", "ALERTMAIL"})
  public String peer;

  private SilentSmtpServer server;
  private LoggerContext context;
  private Logger logger;

  /** Does nothing: what a logger call costs with nothing behind it. */
  static final class Empty extends AbstractAppender {
    Empty(String name) {
      super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {}
  }

  @Setup(org.openjdk.jmh.annotations.Level.Trial)
  public void start() throws Exception {
    server = new SilentSmtpServer();
    context = new LoggerContext("bench");
    Configuration config = new DefaultConfiguration();
    config.getRootLogger().getAppenders().keySet().forEach(config.getRootLogger()::removeAppender);
    Appender appender = appender(config);
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, Level.INFO, null);
    config.getRootLogger().setLevel(Level.INFO);
    context.start(config);
    logger = context.getLogger("com.shop.checkout.OrderService");
  }

  private Appender appender(Configuration config) {
    switch (peer) {
      case "EMPTY":
        return new Empty("EMPTY");
      case "ASYNC":
        Empty inner = new Empty("INNER");
        inner.start();
        config.addAppender(inner);
        return AsyncAppender.newBuilder()
            .setName("ASYNC")
            .setAppenderRefs(new AppenderRef[] {AppenderRef.createAppenderRef("INNER", null, null)})
            .setConfiguration(config)
            .build();
      case "ALERTMAIL":
        return dev.alertmail.log4j2.AlertMailAppender.newBuilder()
            .setSmtpHost("127.0.0.1")
            .setSmtpPort(String.valueOf(server.port()))
            .setTls("NONE")
            .setFrom("alerts@example.com")
            .setTo("ops@example.com")
            .setName("ALERT")
            .setConfiguration(config)
            .build();
      default:
        throw new IllegalArgumentException(peer);
    }
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
