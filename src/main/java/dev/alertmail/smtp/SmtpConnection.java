package dev.alertmail.smtp;

import dev.alertmail.text.UntrustedText;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket of one session with its streams: writes command lines, reads replies, records both in
 * the transcript, and turns every I/O problem into an {@link SmtpException} naming the step.
 *
 * <p>Once a read or write failed, or the server said 421, the connection is {@link #isBroken()
 * broken}: the session then closes it without a polite QUIT, which would only wait again.
 */
final class SmtpConnection implements Closeable {

  static final String MASKED = "<credentials masked>";

  private final SmtpSettings settings;
  private final Transcript transcript;
  private final String server;
  private Socket socket;
  private ReplyReader reader;
  private OutputStream out;
  private boolean encrypted;
  private boolean broken;
  // what this session sent that a server must never get to show (an echoing one would)
  private final List<String> secrets = new ArrayList<>();
  private final SocketWatchdog watchdog;
  private final FailureWords words;

  private SmtpConnection(
      SmtpSettings settings, Transcript transcript, Socket socket, SocketWatchdog watchdog)
      throws IOException {
    this.settings = settings;
    this.transcript = transcript;
    this.server = settings.server();
    this.watchdog = watchdog;
    this.words = new FailureWords(server, settings);
    attach(socket, false);
  }

  /**
   * The longest a session may take, however the server paces its replies: connecting and a
   * handshake, then {@value #SESSION_READ_TIMEOUTS} times {@code readTimeout} plus one per mail. A
   * server that answers each step just inside {@code readTimeout} must not hold the sender (and the
   * next relay) for ten of them.
   */
  static Duration sessionBound(SmtpSettings settings, int mails) {
    return settings
        .connectTimeout()
        .multipliedBy(2)
        .plus(settings.readTimeout().multipliedBy(SESSION_READ_TIMEOUTS + mails));
  }

  static final int SESSION_READ_TIMEOUTS = 2;

  /** Bounds the rest of this session; see {@link #sessionBound}. */
  void limitSession(int mails) {
    watchdog.limitSession(sessionBound(settings, mails));
  }

  /** One more transaction than the session was bounded for: one more {@code readTimeout}. */
  void extendSession() {
    watchdog.extendSession(settings.readTimeout());
  }

  /**
   * Connects within {@code connectTimeout}; every later reply is bounded by {@code readTimeout}.
   */
  static SmtpConnection open(SmtpSettings settings, Transcript transcript) throws SmtpException {
    return open(settings, null, transcript);
  }

  /**
   * Connects to one of the host's addresses, found by the caller; TLS still verifies the host name,
   * never the address.
   */
  static SmtpConnection open(SmtpSettings settings, InetAddress address, Transcript transcript)
      throws SmtpException {
    String server =
        address == null
            ? settings.server()
            : settings.server() + " (" + address.getHostAddress() + ")";
    var words = new FailureWords(server, settings);
    Socket socket = new Socket();
    var watchdog = new SocketWatchdog(socket);
    watchdog.limitSession(sessionBound(settings, 1));
    try {
      InetSocketAddress target =
          address == null
              ? new InetSocketAddress(settings.host(), settings.port())
              : new InetSocketAddress(address, settings.port());
      // no socket timeouts: the watchdog bounds the connect and every read, so the socket stays
      // in blocking mode and a read is one system call, not a read, a poll and a read again
      watchdog.startStep(settings.connectTimeout());
      try {
        socket.connect(target);
      } finally {
        watchdog.endStep();
      }
      if (settings.tls() == TlsMode.IMPLICIT) {
        watchdog.startStep(settings.connectTimeout());
        try {
          socket = Tls.wrap(socket, settings);
        } catch (IOException e) {
          if (watchdog.expired() != null) {
            throw words.handshakeTimeout(e);
          }
          throw e;
        } finally {
          watchdog.endStep();
        }
      }
      var connection = new SmtpConnection(settings, transcript, socket, watchdog);
      connection.encrypted = settings.tls() == TlsMode.IMPLICIT;
      return connection;
    } catch (SmtpException e) {
      watchdog.stop();
      closeQuietly(socket);
      throw e; // the handshake's own words, or its timeout's, from above
    } catch (IOException e) {
      watchdog.stop();
      closeQuietly(socket);
      throw words.connect(e, watchdog.expired() != null);
    }
  }

  /** Reads the next reply, for the greeting and the end of DATA. */
  SmtpReply readReply(String step) throws SmtpException {
    watchdog.startStep(settings.readTimeout());
    try {
      SmtpReply reply = reader.read(line -> transcript.record("S: " + shown(line)));
      if (!secrets.isEmpty()) {
        reply = new SmtpReply(reply.code(), reply.lines().stream().map(this::masked).toList());
      }
      if (reply.code() == 421) {
        broken = true; // the server is closing the channel (RFC 5321 §3.8)
      }
      return reply;
    } catch (IOException e) {
      throw failure(step, "waiting for the reply to " + step, e);
    } finally {
      watchdog.endStep();
    }
  }

  /**
   * A credential this session is about to send, in every form it goes on the wire: from now on a
   * reply that repeats it shows it masked, in the transcript and in every failure.
   */
  void secret(String... forms) {
    for (String form : forms) {
      if (form != null && form.length() >= 4) {
        secrets.add(form);
      }
    }
  }

  private String shown(String serverLine) {
    return masked(UntrustedText.visible(serverLine));
  }

  private String masked(String text) {
    return secrets.isEmpty() ? text : UntrustedText.masked(text, secrets);
  }

  /** Sends a command line that may be shown as is. */
  SmtpReply command(String line) throws SmtpException {
    return command(line, line);
  }

  /**
   * Sends {@code line} and reads the reply; {@code shown} is what the transcript and any exception
   * see instead of the line, so credentials can be masked.
   */
  SmtpReply command(String line, String shown) throws SmtpException {
    try {
      CommandLine.check(line, shown);
    } catch (IllegalArgumentException e) {
      throw SmtpException.permanent(server, shown, e.getMessage());
    }
    transcript.record("C: " + shown);
    watchdog.startStep(settings.readTimeout());
    try {
      out.write(line.getBytes(StandardCharsets.US_ASCII));
      out.write('\r');
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw failure(shown, "sending " + shown, e);
    } finally {
      watchdog.endStep();
    }
    return readReply(shown);
  }

  /**
   * Sends several command lines in one write without reading (PIPELINING, RFC 2920); the caller
   * then reads one reply per line, in order.
   */
  void sendBatch(List<String> lines) throws SmtpException {
    for (String line : lines) {
      try {
        CommandLine.check(line, line);
      } catch (IllegalArgumentException e) {
        throw SmtpException.permanent(server, line, e.getMessage());
      }
    }
    watchdog.startStep(settings.readTimeout());
    try {
      for (String line : lines) {
        transcript.record("C: " + line);
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw failure(lines.get(0), "sending " + lines.get(0), e);
    } finally {
      watchdog.endStep();
    }
  }

  /** Writes the message dot-stuffed and terminated; the caller then reads the reply. */
  void sendMessage(byte[] message) throws SmtpException {
    transcript.record("C: <message: " + message.length + " bytes>");
    watchdog.startStep(settings.readTimeout());
    try {
      var data = new DotStuffingOutputStream(out);
      data.write(message);
      data.finish();
    } catch (IOException e) {
      throw failure("DATA", "sending the message", e);
    } finally {
      watchdog.endStep();
    }
    transcript.record("C: .");
  }

  /**
   * Upgrades the connection after the server's 220 to STARTTLS. Refuses if the server already sent
   * more bytes: they arrived in clear text and would be read as if protected (CVE-2011-0411 class).
   */
  void startTls() throws SmtpException {
    if (reader.buffered() > 0) {
      broken = true;
      throw SmtpException.permanent(
          server,
          "STARTTLS",
          "server sent data after its reply to STARTTLS before the TLS handshake"
              + " (possible command injection); refusing to continue");
    }
    watchdog.startStep(settings.connectTimeout());
    try {
      attach(Tls.wrap(socket, settings), true);
    } catch (SmtpException e) {
      broken = true;
      throw watchdog.expired() == null ? e : words.handshakeTimeout(e);
    } catch (IOException e) {
      if (watchdog.expired() != null) {
        broken = true; // the watchdog closed a handshake that took longer than connectTimeout
        throw words.handshakeTimeout(e);
      }
      throw failure("STARTTLS", "starting TLS", e);
    } finally {
      watchdog.endStep();
    }
  }

  /** {@return the TLS protocol and the server certificate's subject and expiry, for a person} */
  String tlsDescription() {
    if (!(socket instanceof javax.net.ssl.SSLSocket tls)) {
      return "not encrypted";
    }
    var session = tls.getSession();
    String text = session.getProtocol() + " " + session.getCipherSuite();
    try {
      var certificates = session.getPeerCertificates();
      if (certificates.length > 0
          && certificates[0] instanceof java.security.cert.X509Certificate certificate) {
        text +=
            ", certificate "
                + certificate.getSubjectX500Principal().getName()
                + " valid until "
                + certificate.getNotAfter().toInstant();
      }
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      text += ", no certificate";
    }
    return text;
  }

  boolean isEncrypted() {
    return encrypted;
  }

  /** Marks the dialogue as unusable, so the session closes without a QUIT. */
  void abandon() {
    broken = true;
  }

  boolean isBroken() {
    return broken;
  }

  String server() {
    return server;
  }

  @Override
  public void close() {
    watchdog.stop();
    closeQuietly(socket);
  }

  private void attach(Socket socket, boolean tls) throws IOException {
    this.socket = socket;
    this.reader = new ReplyReader(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
    if (tls) {
      this.encrypted = true;
    }
  }

  private SmtpException failure(String step, String doing, IOException e) {
    broken = true;
    return words.during(step, doing, e, watchdog.expired());
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to do with a socket that cannot even close
    }
  }
}
