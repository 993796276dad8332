package dev.alertmail.smtp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a session's socket when a deadline passes. A socket timeout bounds one {@code read()}, not
 * a reply: a server that sends its greeting one byte at a time, or a handshake that trickles,
 * resets it with every byte and could hold the sender forever. And a write to a server that stopped
 * reading has no timeout at all. Closing the socket ends any of them, wherever the thread is
 * blocked.
 *
 * <p>Two deadlines: one per step (a reply, a handshake, a write), and one for the whole session.
 * One daemon timer thread serves every session of the JVM.
 */
final class SocketWatchdog {

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  /** What ran out, for the failure's message. */
  enum Expired {
    STEP,
    SESSION
  }

  private volatile Socket socket;
  private volatile Expired expired;
  private ScheduledFuture<?> step;
  private ScheduledFuture<?> session;

  SocketWatchdog(Socket socket) {
    this.socket = socket;
  }

  /** The socket to close from now on (TLS wraps the plain one). */
  void watch(Socket socket) {
    this.socket = socket;
  }

  /** Bounds the whole session; a later call replaces the bound. */
  synchronized void limitSession(Duration bound) {
    if (session != null) {
      session.cancel(false);
    }
    session = TIMER.schedule(() -> fire(Expired.SESSION), bound.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Bounds the step that starts now; {@link #endStep()} when it is over. */
  synchronized void startStep(Duration bound) {
    if (step != null) {
      step.cancel(false);
    }
    step = TIMER.schedule(() -> fire(Expired.STEP), bound.toNanos(), TimeUnit.NANOSECONDS);
  }

  synchronized void endStep() {
    if (step != null) {
      step.cancel(false);
      step = null;
    }
  }

  /** Stops watching: the session is over. */
  synchronized void stop() {
    endStep();
    if (session != null) {
      session.cancel(false);
      session = null;
    }
  }

  /** {@return which deadline closed the socket, or null if none did} */
  Expired expired() {
    return expired;
  }

  private void fire(Expired which) {
    if (expired == null) {
      expired = which;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all we can do; the blocked thread sees it either way
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    var timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "alertmail-smtp-deadline");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
