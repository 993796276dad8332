package dev.alertmail.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * How a connection's I/O problems are told to a user: the step, what was being done, and whether a
 * deadline ({@code connectTimeout}, {@code readTimeout}, the session's bound) or the server ended
 * it. One place for these words, so a timeout reads the same whichever way it was noticed.
 */
final class FailureWords {

  private final String server;
  private final SmtpSettings settings;

  FailureWords(String server, SmtpSettings settings) {
    this.server = server;
    this.settings = settings;
  }

  /** A TLS handshake that did not finish within {@code connectTimeout}. */
  SmtpException handshakeTimeout(Exception cause) {
    return SmtpException.io(
        server,
        "TLS",
        "no TLS handshake within " + Durations.words(settings.connectTimeout()),
        cause);
  }

  /** The connect failed; {@code timedOut} when the watchdog ended it. */
  SmtpException connect(IOException e, boolean timedOut) {
    if (e instanceof UnknownHostException) {
      return SmtpException.io(server, "connect", "unknown host " + settings.host(), e);
    }
    if (timedOut || e instanceof SocketTimeoutException) {
      return SmtpException.io(
          server,
          "connect",
          "no connection within " + Durations.words(settings.connectTimeout()),
          e);
    }
    return SmtpException.io(server, "connect", "cannot connect: " + e.getMessage(), e);
  }

  /** A read or write of an open connection failed while {@code doing} the step. */
  SmtpException during(String step, String doing, IOException e, SocketWatchdog.Expired expired) {
    if (expired == SocketWatchdog.Expired.STEP || e instanceof SocketTimeoutException) {
      // the watchdog (a reply that trickles) and the socket (silence) mean the same to a user
      return SmtpException.io(
          server,
          step,
          "timed out: no complete reply within readTimeout ("
              + Durations.words(settings.readTimeout())
              + ") "
              + doing,
          e);
    }
    if (expired == SocketWatchdog.Expired.SESSION) {
      return SmtpException.io(
          server,
          step,
          "the session took longer than "
              + Durations.words(SmtpConnection.sessionBound(settings, 1))
              + " (2 x connectTimeout + 3 x readTimeout) and was ended "
              + doing,
          e);
    }
    if (e instanceof SmtpException se) {
      return se;
    }
    if (e instanceof EOFException) {
      return SmtpException.io(server, step, "server closed the connection " + doing, e);
    }
    if (e instanceof MalformedReplyException) {
      // only a well-formed 5xx is the server's verdict; garbage is a broken peer, which another
      // server, or this one later, may not be
      return SmtpException.malformed(server, step, e.getMessage() + " " + doing, e);
    }
    return SmtpException.io(server, step, "I/O error " + doing + ": " + e.getMessage(), e);
  }
}
