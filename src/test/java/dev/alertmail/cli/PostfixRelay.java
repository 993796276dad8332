package dev.alertmail.cli;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Postfix instance (Debian's {@code postfix} package) on 127.0.0.1 that relays every mail
 * to one SMTP server, as a company relay does: its own configuration, queue and log in a directory
 * of the test's, the system's Postfix untouched. Postfix's master runs as root and its daemons as
 * the {@code postfix} user, so this needs root; where either is missing the test is skipped, unless
 * {@code ALERTMAIL_REQUIRE_POSTFIX=1} (as {@code .ci/run} sets it when it runs as root) makes that
 * a failure.
 */
final class PostfixRelay implements AutoCloseable {

  private static final String MASTER = "/usr/lib/postfix/sbin/master";

  // the services a relay needs; no local delivery, no chroot (the queue is not where Debian's is)
  private static final String MASTER_CF =
      """
      127.0.0.1:%d inet n - n - - smtpd
      pickup    unix  n - n 60 1 pickup
      cleanup   unix  n - n -  0 cleanup
      qmgr      unix  n - n 300 1 qmgr
      rewrite   unix  - - n -  - trivial-rewrite
      bounce    unix  - - n -  0 bounce
      defer     unix  - - n -  0 bounce
      trace     unix  - - n -  0 bounce
      verify    unix  - - n -  1 verify
      flush     unix  n - n 1000? 0 flush
      proxymap  unix  - - n -  - proxymap
      smtp      unix  - - n -  - smtp
      relay     unix  - - n -  - smtp
      showq     unix  n - n -  - showq
      error     unix  - - n -  - error
      retry     unix  - - n -  - error
      discard   unix  - - n -  - discard
      anvil     unix  - - n -  1 anvil
      scache    unix  - - n -  1 scache
      postlog   unix-dgram n - n - 1 postlogd
      """;

  private static final String MAIN_CF =
      """
      compatibility_level = 3.6
      queue_directory = %1$s/queue
      data_directory = %1$s/data
      maillog_file_prefixes = %1$s
      maillog_file = %1$s/maillog
      myhostname = relay.alertmail.test
      mydestination =
      inet_interfaces = 127.0.0.1
      inet_protocols = ipv4
      mynetworks = 127.0.0.0/8
      relayhost = [127.0.0.1]:%2$d
      smtp_tls_security_level = none
      alias_maps =
      alias_database =
      """;

  private final Process master;
  private final Path dir;
  private final int port;

  private PostfixRelay(Process master, Path dir, int port) {
    this.master = master;
    this.dir = dir;
    this.port = port;
  }

  /** Skips the test where Postfix cannot run here, unless it is required. */
  static void assumeAvailable() {
    String missing =
        !new File(MASTER).canExecute()
            ? "postfix is not installed (apt-get install postfix)"
            : !"root".equals(System.getProperty("user.name"))
                ? "Postfix's master must run as root"
                : null;
    if (missing != null && "1".equals(System.getenv("ALERTMAIL_REQUIRE_POSTFIX"))) {
      throw new AssertionError("ALERTMAIL_REQUIRE_POSTFIX=1 but " + missing);
    }
    Assumptions.assumeTrue(missing == null, missing);
  }

  /** Starts an instance in {@code dir} relaying to 127.0.0.1:{@code nextHop}, once it listens. */
  static PostfixRelay start(Path dir, int nextHop) throws IOException, InterruptedException {
    // the postfix user must reach its queue through the test's directories (JUnit makes them
    // owner-only): they may be passed through, not listed
    for (Path up : List.of(dir.getParent(), dir)) {
      var permissions = Files.getPosixFilePermissions(up);
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      Files.setPosixFilePermissions(up, permissions);
    }
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal postfix = users.lookupPrincipalByName("postfix");
    GroupPrincipal postdrop = users.lookupPrincipalByGroupName("postdrop");
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path queue = Files.createDirectories(dir.resolve("queue"));
    for (String name :
        List.of(
            "incoming",
            "active",
            "deferred",
            "bounce",
            "defer",
            "flush",
            "hold",
            "trace",
            "corrupt",
            "saved",
            "maildrop",
            "public",
            "private",
            "pid")) {
      Path sub = Files.createDirectories(queue.resolve(name));
      if (!name.equals("pid")) {
        owner(sub, postfix, name.equals("maildrop") || name.equals("public") ? postdrop : null);
      }
    }
    Files.setPosixFilePermissions(
        queue.resolve("maildrop"), PosixFilePermissions.fromString("rwx-wx---"));
    Files.setPosixFilePermissions(
        queue.resolve("public"), PosixFilePermissions.fromString("rwx--x---"));
    Files.setPosixFilePermissions(
        queue.resolve("private"), PosixFilePermissions.fromString("rwx------"));
    owner(Files.createDirectories(dir.resolve("data")), postfix, null);

    int port = freePort();
    Files.writeString(conf.resolve("main.cf"), String.format(MAIN_CF, dir, nextHop));
    Files.writeString(conf.resolve("master.cf"), String.format(MASTER_CF, port));
    Process master =
        new ProcessBuilder(MASTER, "-c", conf.toString(), "-d")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("master.out").toFile())
            .start();
    var relay = new PostfixRelay(master, dir, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!relay.listens()) {
      if (!master.isAlive() || System.nanoTime() > deadline) {
        relay.close();
        throw new AssertionError(
            "Postfix did not start (a fatal error before its log opens goes to syslog): "
                + relay.log());
      }
      Thread.sleep(100);
    }
    return relay;
  }

  private static void owner(Path path, UserPrincipal user, GroupPrincipal group)
      throws IOException {
    var view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    view.setOwner(user);
    if (group != null) {
      view.setGroup(group);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private boolean listens() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@return the port its smtpd listens on, at 127.0.0.1} */
  int port() {
    return port;
  }

  /** {@return its mail log and the master's output}, for a failure's message */
  String log() {
    StringBuilder text = new StringBuilder();
    for (Path file : List.of(dir.resolve("maillog"), dir.resolve("master.out"))) {
      try {
        text.append(Files.readString(file));
      } catch (IOException e) {
        text.append("(no ").append(file.getFileName()).append(")\n");
      }
    }
    return text.toString();
  }

  /** Stops the master, which stops its daemons. */
  @Override
  public void close() throws InterruptedException {
    master.destroy(); // SIGTERM: the master ends its daemons before it exits
    if (!master.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      master.destroyForcibly();
    }
  }
}
