package dev.alertmail.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal SMTP server that accepts everything and stores nothing, answering each command in one
 * write with TCP_NODELAY and reading pipelined commands: a peer fast enough that the client's own
 * cost shows. It advertises PIPELINING.
 */
final class SinkSmtpServer implements AutoCloseable {

  private final ServerSocket listener;

  SinkSmtpServer() throws IOException {
    listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    Thread accepter = new Thread(this::acceptForever, "sink-smtp");
    accepter.setDaemon(true);
    accepter.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptForever() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        Thread session = new Thread(() -> serve(socket), "sink-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      reply(out, "220 sink ESMTP", in);
      String line;
      while ((line = readLine(in)) != null) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
        switch (verb) {
          case "EHLO" -> reply(out, "250-sink\r\n250-PIPELINING\r\n250 8BITMIME", in);
          case "DATA" -> {
            reply(out, "354 go ahead", in);
            while (!".".equals(line = readLine(in)) && line != null) {
              // discard
            }
            reply(out, "250 ok", in);
          }
          case "QUIT" -> {
            reply(out, "221 bye", in);
            return;
          }
          default -> reply(out, "250 ok", in);
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Replies at once unless more pipelined commands are already waiting, as real servers batch. */
  private static void reply(OutputStream out, String text, InputStream in) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.write('\r');
    out.write('\n');
    if (in.available() == 0) {
      out.flush();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    var line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
