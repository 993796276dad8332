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

  /** Logs the ERROR given as the first argument and returns. */
  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger("com.shop.Batch");
    log.info("nightly batch starting");
    log.error(args[0], new IllegalStateException("ledger locked"));
  }
}
