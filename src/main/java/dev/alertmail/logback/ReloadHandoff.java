package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import dev.alertmail.alert.ContextRing;
import dev.alertmail.config.AlertMailSettings;
import dev.alertmail.delivery.AlertSender;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Carries an appender's sender (with its flood state: pending mail, dedup memory, token bucket) and
 * its context ring over a Logback reconfiguration ({@code scan}, or a configurator run after {@code
 * reset()}), which stops every appender and starts new ones from the file. Without this, each
 * reload during an incident would mail what is pending and forget what was mailed.
 *
 * <p>An appender stopped by a reset (and not by the context's stop, which is a shutdown) is parked
 * here for {@link #WINDOW}; the appender of the same name started in the same context with the same
 * settings takes it over. When none comes, or the settings changed, it is stopped as usual, which
 * mails what is pending.
 */
final class ReloadHandoff {

  /** How long a parked sender waits for its successor. */
  static final Duration WINDOW = Duration.ofSeconds(5);

  private static final ScheduledThreadPoolExecutor TIMER = timer();
  private static final Map<Key, Parked> PARKED = new ConcurrentHashMap<>();

  private record Key(Context context, String name) {}

  /** What a successor takes over. */
  record Parked(
      AlertSender sender,
      ContextRing<ILoggingEvent> ring,
      AlertMailSettings settings,
      Duration shutdownTimeout,
      ScheduledFuture<?>[] expiry,
      Thread exitHook) {}

  private ReloadHandoff() {}

  /** Whether this stop is part of a reset that a new configuration follows, not a shutdown. */
  static boolean isReload() {
    return StackWalker.getInstance()
        .walk(
            frames -> {
              boolean reset = false;
              for (var frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                if (frame.getClassName().equals("ch.qos.logback.classic.LoggerContext")) {
                  if (frame.getMethodName().equals("stop")) {
                    return false;
                  }
                  reset |= frame.getMethodName().equals("reset");
                }
              }
              return reset;
            });
  }

  /** Parks a stopped appender's sender for its successor. */
  static void park(Context context, String name, Parked parked) {
    Key key = new Key(context, name);
    try {
      Runtime.getRuntime().addShutdownHook(parked.exitHook());
    } catch (IllegalStateException | SecurityException e) {
      parked.sender().stop(parked.shutdownTimeout()); // exiting: mail what is pending now
      return;
    }
    // complete before it is visible: a successor may take it over at once
    parked.expiry()[0] =
        TIMER.schedule(
            () -> {
              if (PARKED.remove(key, parked)) {
                release(parked);
              }
            },
            WINDOW.toMillis(),
            TimeUnit.MILLISECONDS);
    Parked previous = PARKED.put(key, parked);
    if (previous != null) {
      previous.expiry()[0].cancel(false);
      TIMER.execute(() -> release(previous));
    }
  }

  /**
   * The parked sender of this context and name, if its settings are these; a parked one with other
   * settings is stopped (mailing what is pending), and null returned.
   */
  static Parked takeOver(Context context, String name, AlertMailSettings settings) {
    Parked parked = PARKED.remove(new Key(context, name));
    if (parked == null) {
      return null;
    }
    parked.expiry()[0].cancel(false);
    if (!parked.settings().equals(settings)) {
      // other settings: the old sender mails what it holds, without holding up this start()
      TIMER.execute(() -> release(parked));
      return null;
    }
    removeHook(parked);
    return parked;
  }

  private static void release(Parked parked) {
    parked.sender().stop(parked.shutdownTimeout());
    removeHook(parked); // only now: until the mail is out, a JVM exit must still flush it
  }

  private static void removeHook(Parked parked) {
    try {
      Runtime.getRuntime().removeShutdownHook(parked.exitHook());
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is exiting and the hook runs
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    var timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "alertmail-reload");
              thread.setDaemon(true);
              thread.setContextClassLoader(null);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    // the thread ends a moment after its last task: none outlives the appenders (a servlet
    // container's redeploy would otherwise pin the old web application's class loader)
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }
}
