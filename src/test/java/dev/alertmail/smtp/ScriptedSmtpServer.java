package dev.alertmail.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A one-connection SMTP server for tests, driven by a script, for what GreenMail cannot do: refuse
 * EHLO, fail at a chosen step, split replies, drop the connection, stay silent, upgrade to TLS.
 *
 * <p>Listens on an ephemeral loopback port and runs the script on a daemon thread. Every byte the
 * client sent is kept for exact wire assertions. {@link #close()} rethrows a script failure, so a
 * client that said something unexpected fails the test.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  /** What the server does with its one accepted connection. */
  @FunctionalInterface
  public interface Script {
    void run(Peer peer) throws Exception;
  }

  private final ServerSocket listener;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile Socket socket;

  private ScriptedSmtpServer(Script... scripts) throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> serve(scripts), "scripted-smtp-" + listener.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  public static ScriptedSmtpServer start(Script script) throws IOException {
    return new ScriptedSmtpServer(script);
  }

  /** A server for several sessions in a row: one script per connection, in order. */
  public static ScriptedSmtpServer sessions(Script... scripts) throws IOException {
    return new ScriptedSmtpServer(scripts);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@return everything the client sent, once the script has finished} */
  public String received() throws InterruptedException {
    awaitScript();
    synchronized (received) {
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Waits (bounded) for the script to finish and rethrows its failure. */
  public void awaitScript() throws InterruptedException {
    if (!done.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("script did not finish");
    }
    Throwable t = failure.get();
    if (t != null) {
      throw new AssertionError("script failed: " + t, t);
    }
  }

  /**
   * Stops listening and waits for the script to end on its own (the client is done by now); only a
   * script that hangs gets its socket closed under it.
   */
  @Override
  public void close() throws IOException {
    listener.close();
    try {
      if (!done.await(10, TimeUnit.SECONDS)) {
        Socket s = socket;
        if (s != null) {
          s.close();
        }
      }
      awaitScript();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the script", e);
    }
  }

  private void serve(Script[] scripts) {
    try {
      for (Script script : scripts) {
        try (Socket accepted = listener.accept()) {
          socket = accepted;
          script.run(new Peer(accepted));
        }
      }
    } catch (Throwable t) {
      failure.set(t);
    } finally {
      done.countDown();
    }
  }

  /** The server's side of the connection, as the script sees it. */
  public final class Peer {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Peer(Socket socket) throws IOException {
      attach(socket);
    }

    /** Sends each line with CRLF, in one write. */
    public Peer send(String... lines) throws IOException {
      var sb = new StringBuilder();
      for (String line : lines) {
        sb.append(line).append("\r\n");
      }
      return sendRaw(sb.toString());
    }

    /** Sends bytes exactly as given, flushed, as one write. */
    public Peer sendRaw(String raw) throws IOException {
      out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return this;
    }

    /** Reads one line from the client and checks it. */
    public Peer expect(String line) throws IOException {
      String actual = readLine();
      if (!line.equals(actual)) {
        throw new AssertionError("expected <" + line + "> but client sent <" + actual + ">");
      }
      return this;
    }

    /** Reads one line (without CRLF) from the client; null at end of stream. */
    public String readLine() throws IOException {
      var line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        record(b);
        if (b == '\n') {
          byte[] bytes = line.toByteArray();
          // a bare LF also ends a line here; the exact wire assertions catch it
          int len =
              bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
        }
        line.write(b);
      }
      return null;
    }

    /** Reads exactly {@code count} bytes from the client, e.g. the start of a TLS hello. */
    public byte[] read(int count) throws IOException {
      byte[] bytes = in.readNBytes(count);
      for (byte b : bytes) {
        record(b & 0xff);
      }
      return bytes;
    }

    /** Reads message content up to and including the terminating {@code "\r\n.\r\n"}. */
    public String readData() throws IOException {
      var data = new StringBuilder();
      String line;
      while ((line = readLine()) != null) {
        if (line.equals(".")) {
          return data.toString();
        }
        data.append(line).append("\r\n");
      }
      throw new AssertionError("client ended the connection inside DATA");
    }

    /** Waits until the client closes the connection; bounded by the client's own timeout. */
    public void awaitClose() throws IOException {
      try {
        while (readLine() != null) {
          // discard: the test only cares that the client gave up
        }
      } catch (SocketException e) {
        // a reset is a client closing with our bytes unread: closed all the same
      }
    }

    /** Ends the connection abruptly. */
    public void drop() throws IOException {
      socket.close();
    }

    /** Replaces the socket, e.g. with an SSLSocket layered over it after STARTTLS. */
    void attach(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** Upgrades to TLS as a server, as after {@code 220} to STARTTLS. */
    public void startTls(SSLContext context) throws IOException {
      attach(handshake(context));
    }

    /** Runs a server handshake the client is expected to abort; fails if it succeeds. */
    public void startTlsExpectingFailure(SSLContext context) throws IOException {
      try {
        handshake(context);
      } catch (IOException expected) {
        return; // the client refused the certificate (or gave up): what the test wants
      }
      throw new AssertionError("the client accepted the TLS handshake");
    }

    private SSLSocket handshake(SSLContext context) throws IOException {
      var tls =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(
                      socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
      tls.setUseClientMode(false);
      tls.startHandshake();
      return tls;
    }

    private void record(int b) {
      synchronized (received) {
        received.write(b);
      }
    }
  }
}
