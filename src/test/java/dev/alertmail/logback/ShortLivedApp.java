package dev.alertmail.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that logs one ERROR and exits at once, well within {@code groupWait}, without
 * stopping Logback and without {@code <shutdownHook/>}: run in its own JVM by {@link
 * AlertMailAppenderExitTest}.
 */
public final class ShortLivedApp {

  private ShortLivedApp() {}

  /**
   * Logs the ERROR given as the first argument and returns. With {@code
   * -Dapp.stopLogbackAtExit=true} a shutdown hook of its own stops Logback as the JVM exits. With a
   * second argument, it also logs that as an ERROR from a shutdown hook of its own, 300 ms into the
   * JVM's shutdown, and then stops Logback, as Spring Boot does when it closes its context.
   */
  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger("com.shop.Batch");
    log.info("nightly batch starting");
    if (Boolean.getBoolean("app.stopLogbackAtExit")) {
      // what Spring Boot's shutdown hook and <shutdownHook/> do: stop Logback as the JVM exits
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () ->
                      ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory())
                          .stop()));
    }
    if (args.length > 1) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Thread.sleep(300); // the application's own cleanup
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    log.error(args[1]);
                    ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory())
                        .stop();
                  }));
    }
    log.error(args[0], new IllegalStateException("ledger locked"));
  }
}
