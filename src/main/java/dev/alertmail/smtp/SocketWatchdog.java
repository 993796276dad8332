package dev.alertmail.smtp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a session's socket when a deadline passes. A socket timeout bounds one {@code read()}, not
 * a reply: a server that sends its greeting one byte at a time, or a handshake that trickles,
 * resets it with every byte and could hold the sender forever. And a write to a server that stopped
 * reading has no timeout at all. Closing the socket ends any of them, wherever the thread is
 * blocked.
 *
 * <p>Two deadlines: one per step (a reply, a handshake, a write), and one for the whole session. A
 * step only writes its deadline into a field; one daemon thread for the whole JVM looks at the
 * watched sessions every {@value #TICK_MILLIS} ms while there are any, and sleeps otherwise. A
 * timer task per step, as before, woke that thread at every step and cost a mail more CPU than the
 * rest of its SMTP session; a deadline is now honoured within one tick.
 */
final class SocketWatchdog {

  static final long TICK_MILLIS = 50;
  private static final long NONE = 0;
  private static final Set<SocketWatchdog> WATCHED = ConcurrentHashMap.newKeySet();
  // true while the ticker sleeps without a tick: only then does a new session wake it
  private static volatile boolean idle;
  // the ticker, or null when none runs: it ends after a while without sessions, so that no thread
  // of AlertMail outlives its appenders (a servlet container's redeploy would pin the old web
  // application's class loader)
  private static volatile Thread ticker;
  private static final Object TICKER_LOCK = new Object();
  // a second: a mail's session has many steps and keeps it, and starting one for the next incident
  // costs less than a millisecond
  static final long IDLE_END_MILLIS = 1_000;

  /** What ran out, for the failure's message. */
  enum Expired {
    STEP,
    SESSION
  }

  // the TCP socket, never a TLS layer over it: closing an SSLSocket waits for a write that is
  // stuck on a server that stopped reading, and would stop the one thread all sessions rely on;
  // closing the TCP socket ends the TLS read or write above it as well
  private final Socket socket;
  private volatile Expired expired;
  // System.nanoTime() deadlines; NONE when not bounded
  private volatile long stepDeadline;
  private volatile long sessionDeadline;

  /** Watches a session over the given TCP socket (also once TLS runs over it). */
  SocketWatchdog(Socket socket) {
    this.socket = socket;
  }

  /** Bounds the whole session; a later call replaces the bound. */
  void limitSession(Duration bound) {
    sessionDeadline = deadline(bound);
    watch();
  }

  /** Gives the session more time, for a transaction it did not know it would need. */
  void extendSession(Duration more) {
    long deadline = sessionDeadline;
    if (deadline != NONE) {
      sessionDeadline = deadline + more.toNanos();
    }
  }

  /** Bounds the step that starts now; {@link #endStep()} when it is over. */
  void startStep(Duration bound) {
    stepDeadline = deadline(bound);
    watch();
  }

  private void watch() {
    // waking the ticker at every session would cost each mail two context switches
    if (WATCHED.add(this)) {
      Thread running = ticker;
      if (running == null) {
        ensureTicker();
      } else if (idle) {
        LockSupport.unpark(running);
      }
    }
  }

  /** Starts the ticker unless one runs; one that is ending first gives way under the lock. */
  private static void ensureTicker() {
    synchronized (TICKER_LOCK) {
      if (ticker == null) {
        ticker = startTicker();
      } else {
        LockSupport.unpark(ticker);
      }
    }
  }

  /** {@return the ticker thread, or null when none runs}, for tests of what outlives an appender */
  static Thread runningTicker() {
    return ticker;
  }

  void endStep() {
    stepDeadline = NONE;
  }

  /** Stops watching: the session is over. */
  void stop() {
    stepDeadline = NONE;
    sessionDeadline = NONE;
    WATCHED.remove(this);
  }

  /** {@return which deadline closed the socket, or null if none did} */
  Expired expired() {
    return expired;
  }

  private static long deadline(Duration bound) {
    long deadline = System.nanoTime() + Math.max(1, bound.toNanos());
    return deadline == NONE ? 1 : deadline;
  }

  private boolean checkQuietly(long now) {
    try {
      return check(now);
    } catch (Throwable e) {
      return false; // tried again at the next tick; nothing may end this thread
    }
  }

  /** Closes the socket if a deadline has passed; true when it did. */
  private boolean check(long now) {
    long step = stepDeadline;
    long session = sessionDeadline;
    Expired which =
        step != NONE && now - step >= 0
            ? Expired.STEP
            : session != NONE && now - session >= 0 ? Expired.SESSION : null;
    if (which == null) {
      return false;
    }
    if (expired == null) {
      expired = which;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all we can do; the blocked thread sees it either way
    }
    return true;
  }

  private static Thread startTicker() {
    Thread thread =
        new Thread(
            () -> {
              while (true) {
                if (WATCHED.isEmpty()) {
                  idle = true;
                  if (WATCHED.isEmpty()) { // a session added before idle was set finds it false
                    LockSupport.parkNanos(WATCHED, TimeUnit.MILLISECONDS.toNanos(IDLE_END_MILLIS));
                  }
                  idle = false;
                  synchronized (TICKER_LOCK) {
                    if (WATCHED.isEmpty()) {
                      ticker = null; // a session that comes now starts a new one
                      return;
                    }
                  }
                } else {
                  LockSupport.parkNanos(WATCHED, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
                }
                long now = System.nanoTime();
                // every read of every session relies on this thread: nothing may end it
                WATCHED.removeIf(watchdog -> watchdog.checkQuietly(now));
              }
            },
            "alertmail-smtp-deadline");
    thread.setDaemon(true);
    thread.setContextClassLoader(null); // never the class loader of whoever started it
    thread.start();
    return thread;
  }
}
