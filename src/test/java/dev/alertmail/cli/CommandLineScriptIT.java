package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/alertmail} as installed (the script with {@code alertmail-cli.jar} beside it), run as
 * a monitoring system runs it, reading its output through pipes: its first send records the classes
 * it loads and builds the start-up archive in the background once it has ended; later runs map that
 * archive, and one for another jar path or JVM is replaced, never used.
 */
class CommandLineScriptIT {

  private static final String ARCHIVE_FILES = ".jsa";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path temp;

  private Path install;

  /** What a run printed (stdout and stderr together, read to their end) and returned. */
  record Run(int code, String output) {}

  @BeforeEach
  void install() throws IOException {
    install = Files.createDirectory(temp.resolve("alertmail"));
    Path script = install.resolve("alertmail");
    Files.copy(Path.of(System.getProperty("alertmail.cli.script")), script);
    assertTrue(script.toFile().setExecutable(true));
    Files.copy(
        Path.of(System.getProperty("alertmail.cli.jar")),
        install.resolve("alertmail-cli.jar"),
        StandardCopyOption.COPY_ATTRIBUTES);
  }

  private Run run(Path dir, Map<String, String> extraEnv, String... args) throws Exception {
    Process process = start(dir, extraEnv, args);
    // to the end of the output, as a caller reading a pipe does: a background build that kept the
    // pipe open would hold this read until it finished
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run ended within a minute");
    return new Run(process.exitValue(), output);
  }

  private Process start(Path dir, Map<String, String> extraEnv, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(dir.resolve("alertmail").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("ALERTMAIL_"));
    env.put("ALERTMAIL_SMTP_HOST", "127.0.0.1");
    env.put("ALERTMAIL_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
    env.put("ALERTMAIL_TLS", "none");
    env.put("ALERTMAIL_FROM", "alerts@example.com");
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    extraEnv.forEach((name, value) -> env.compute(name, (k, old) -> value));
    env.values().removeIf(String::isEmpty);
    return builder.start();
  }

  private Run send(Path dir, Map<String, String> env, String host) throws Exception {
    return run(dir, env, "zabbix", "ops@example.com", "Problem: disk full", "Host: " + host);
  }

  private static List<String> archiveFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.contains(ARCHIVE_FILES))
          .sorted()
          .toList();
    }
  }

  /** Bounded wait until the background work is over: its lock directory, with all it made, gone. */
  private static List<String> settled(Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      List<String> files = archiveFiles(dir);
      if (files.stream().noneMatch(name -> name.endsWith(".lock"))) {
        return files;
      }
      assertTrue(System.nanoTime() < deadline, "still building after a minute: " + files);
      Thread.sleep(50);
    }
  }

  /** A run that must map the archive: -Xshare:on stops the JVM if it cannot. */
  private String classesOfAMappedRun(Path dir, String host) throws Exception {
    Path classes = temp.resolve("classes-" + host + ".log");
    Run run =
        send(
            dir,
            Map.of("ALERTMAIL_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classes),
            host);
    assertEquals(0, run.code(), run.output());
    assertTrue(
        run.output()
            .matches("delivered to ops@example\\.com via 127\\.0\\.0\\.1:\\d+: 250 [^\\n]*\\n"),
        "nothing but the report on the output: " + run.output());
    return Files.readString(classes, StandardCharsets.UTF_8);
  }

  @Test
  void theFirstSendBuildsTheArchiveAfterItEndedAndLaterRunsMapIt() throws Exception {
    Run version = run(install, Map.of(), "--version");
    assertEquals(0, version.code(), version.output());
    assertTrue(version.output().startsWith("alertmail "), version.output());
    assertEquals(List.of(), archiveFiles(install), "--version records nothing");

    Run first = send(install, Map.of(), "db1");
    assertEquals(0, first.code(), first.output());
    assertTrue(first.output().startsWith("delivered to ops@example.com"), first.output());
    assertFalse(
        archiveFiles(install).contains("alertmail-cli.jsa"),
        "the send's output ended before the archive was built");

    assertEquals(List.of("alertmail-cli.jsa", "alertmail-cli.jsa.key"), settled(install));
    String loaded = classesOfAMappedRun(install, "db2");
    assertTrue(loaded.contains("dev.alertmail.cli.AlertMailCli source: shared objects file"));
    assertTrue(loaded.contains("dev.alertmail.smtp.SmtpSession source: shared objects file"));

    MimeMessage[] mails = greenMail.getReceivedMessages();
    assertEquals(2, mails.length);
    assertEquals("Problem: disk full", mails[1].getSubject());
    assertEquals("Host: db2", GreenMailUtil.getBody(mails[1]).strip());
  }

  @Test
  void aFirstSendThatFailsLeavesNoArchive() throws Exception {
    Map<String, String> noSender = new HashMap<>();
    noSender.put("ALERTMAIL_FROM", "");

    Run failed = send(install, noSender, "db1");

    assertEquals(ExitCode.CONFIG.code, failed.code(), failed.output());
    assertEquals(List.of(), settled(install), "a send that never reached its message");
    assertEquals(0, greenMail.getReceivedMessages().length);
  }

  @Test
  void anArchiveOfAnotherJarPathIsReplacedNotUsed() throws Exception {
    assertEquals(0, send(install, Map.of(), "db1").code());
    settled(install);
    // the same install copied elsewhere, archive and all, times kept: the JVM would ignore an
    // archive made for the other path and start slower than with none
    Path moved = Files.createDirectory(temp.resolve("moved"));
    for (String name : List.of("alertmail", "alertmail-cli.jar", "alertmail-cli.jsa")) {
      Files.copy(install.resolve(name), moved.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Files.copy(
        install.resolve("alertmail-cli.jsa.key"),
        moved.resolve("alertmail-cli.jsa.key"),
        StandardCopyOption.COPY_ATTRIBUTES);

    Run run = send(moved, Map.of(), "db2");

    assertEquals(0, run.code(), run.output());
    assertEquals(List.of("alertmail-cli.jsa", "alertmail-cli.jsa.key"), settled(moved));
    assertTrue(
        Files.readString(moved.resolve("alertmail-cli.jsa.key")).contains(moved + "/"),
        "rebuilt for the new path");
    assertTrue(classesOfAMappedRun(moved, "db3").contains("AlertMailCli source: shared objects"));
  }

  @Test
  void aJarReplacedByAnOlderOneGetsANewArchive() throws Exception {
    assertEquals(0, send(install, Map.of(), "db1").code());
    settled(install);
    List<String> keyBefore = Files.readAllLines(install.resolve("alertmail-cli.jsa.key"));
    // as cp -p, tar or a package manager leave it: another jar with an older time than the archive
    Path jar = install.resolve("alertmail-cli.jar");
    Files.write(jar, Files.readAllBytes(jar));
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    assertEquals(0, send(install, Map.of(), "db2").code());

    assertEquals(List.of("alertmail-cli.jsa", "alertmail-cli.jsa.key"), settled(install));
    assertNotEquals(keyBefore, Files.readAllLines(install.resolve("alertmail-cli.jsa.key")));
    assertTrue(classesOfAMappedRun(install, "db3").contains("AlertMailCli source: shared objects"));
  }

  @Test
  void aJavaBehindAWrapperScriptRunsWithoutAnArchive() throws Exception {
    // as jenv or asdf put it on the PATH: the JDK behind it cannot be told, so no archive is made
    Path wrapper = temp.resolve("java");
    Files.writeString(
        wrapper,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' \"$@\"\n");
    assertTrue(wrapper.toFile().setExecutable(true));

    Run run = send(install, Map.of("JAVA", wrapper.toString()), "db1");

    assertEquals(0, run.code(), run.output());
    assertEquals(List.of(), archiveFiles(install));
    assertEquals(1, greenMail.getReceivedMessages().length);
  }

  @Test
  void firstSendsAtOnceAllDeliverAndOneArchiveIsBuilt() throws Exception {
    List<Process> sends = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sends.add(start(install, Map.of(), "zabbix", "ops@example.com", "Problem", "Host: db" + i));
    }
    for (Process send : sends) {
      String output = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(send.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, send.exitValue(), output);
    }

    assertEquals(List.of("alertmail-cli.jsa", "alertmail-cli.jsa.key"), settled(install));
    assertEquals(4, greenMail.getReceivedMessages().length);
  }

  @Test
  void aTerminatedFirstSendEndsItsJvmAndLeavesNothing() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process send =
          start(
              install,
              Map.of(
                  "ALERTMAIL_SMTP_PORT",
                  String.valueOf(silent.getLocalPort()),
                  "ALERTMAIL_READ_TIMEOUT",
                  "2 minutes"),
              "zabbix",
              "ops@example.com",
              "Problem",
              "Host: db1");
      try (Socket connection = silent.accept()) {
        send.destroy(); // SIGTERM, as a monitoring system's timeout sends it
        assertTrue(send.waitFor(60, TimeUnit.SECONDS));
        // the JVM itself got the signal: it closed the connection long before its read timeout
        connection.setSoTimeout(30_000);
        try {
          assertEquals(-1, connection.getInputStream().read());
        } catch (SocketException reset) {
          // closed as well
        }
      }
      assertEquals(143, send.exitValue());
    }
    assertEquals(List.of(), settled(install), "no archive from a send that never reached DATA");
  }

  @Test
  void theZabbixExampleSendsThroughTheInstalledScript() throws Exception {
    Path zabbix = install.resolve("alertmail-zabbix");
    Files.copy(Path.of(System.getProperty("alertmail.zabbix.script")), zabbix);
    assertTrue(zabbix.toFile().setExecutable(true));
    Path config = temp.resolve("alertmail.properties");
    Files.writeString(
        config,
        "smtpHost=127.0.0.1\nsmtpPort="
            + greenMail.getSmtp().getPort()
            + "\ntls=none\nfrom=zabbix@example.com\n");
    // as Zabbix starts it: three parameters and no ALERTMAIL_ settings in the environment
    ProcessBuilder builder =
        new ProcessBuilder(zabbix.toString(), "ops@example.com", "Problem: disk full", "Host: db1")
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("ALERTMAIL_"));
    builder.environment().put("ALERTMAIL_CONFIG", config.toString());
    builder
        .environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));

    assertEquals(0, process.exitValue(), output);
    assertEquals("Problem: disk full", greenMail.getReceivedMessages()[0].getSubject());
    assertEquals(List.of("alertmail-cli.jsa", "alertmail-cli.jsa.key"), settled(install));
  }

  @Test
  void withTheArchiveOffNothingIsWrittenBesideTheJar() throws Exception {
    Run run = send(install, Map.of("ALERTMAIL_CDS", "off"), "db1");

    assertEquals(0, run.code(), run.output());
    assertEquals(List.of(), archiveFiles(install));
    assertEquals(1, greenMail.getReceivedMessages().length);
  }
}
