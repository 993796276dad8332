package dev.alertmail.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accepts connections and never says a word: a mail server that hangs, the worst case. */
final class SilentSmtpServer implements AutoCloseable {

  private final ServerSocket listener;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  SilentSmtpServer() throws IOException {
    listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
    Thread accepter = new Thread(this::acceptForever, "silent-smtp");
    accepter.setDaemon(true);
    accepter.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptForever() {
    while (!listener.isClosed()) {
      try {
        held.add(listener.accept());
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : held) {
      socket.close();
    }
  }
}
