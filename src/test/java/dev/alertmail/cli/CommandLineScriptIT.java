package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
 * a monitoring system runs it: its first send records the classes it loads and builds the start-up
 * archive in the background; later runs map that archive.
 */
class CommandLineScriptIT {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path install;

  private Path script;
  private Path archive;

  /** What a run printed and returned. */
  record Run(int code, String out, String err) {}

  @BeforeEach
  void install() throws IOException {
    script = install.resolve("alertmail");
    Files.copy(Path.of(System.getProperty("alertmail.cli.script")), script);
    assertTrue(script.toFile().setExecutable(true));
    Files.copy(
        Path.of(System.getProperty("alertmail.cli.jar")),
        install.resolve("alertmail-cli.jar"),
        StandardCopyOption.COPY_ATTRIBUTES);
    archive = install.resolve("alertmail-cli.jsa");
  }

  private Run run(Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("ALERTMAIL_"));
    env.put("ALERTMAIL_SMTP_HOST", "127.0.0.1");
    env.put("ALERTMAIL_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
    env.put("ALERTMAIL_TLS", "none");
    env.put("ALERTMAIL_FROM", "alerts@example.com");
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.putAll(extraEnv);
    Path out = Files.createTempFile(install, "out", ".txt");
    Path err = Files.createTempFile(install, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run ended within a minute");
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(install)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.contains(".jsa.") || name.endsWith(".classlist"))
          .toList();
    }
  }

  /** Bounded wait for the background build: the archive appears and the class list goes. */
  private void awaitArchive() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(archive) && leftovers().isEmpty())) {
      assertTrue(System.nanoTime() < deadline, "no archive after a minute: " + leftovers());
      Thread.sleep(50);
    }
  }

  @Test
  void theFirstSendBuildsTheArchiveThatLaterRunsMap() throws Exception {
    Run version = run(Map.of(), "--version");
    assertEquals(0, version.code(), version.err());
    assertTrue(version.out().startsWith("alertmail "), version.out());
    assertFalse(Files.exists(archive), "--version records nothing: a send's classes make it");

    Run first = run(Map.of(), "zabbix", "ops@example.com", "Problem: disk full", "Host: db1");
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().startsWith("delivered to ops@example.com via 127.0.0.1:"), first.out());
    awaitArchive();

    Path classes = install.resolve("classes.log");
    // -Xshare:on makes the JVM refuse to start if the archive cannot be mapped
    Run later =
        run(
            Map.of("ALERTMAIL_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classes),
            "zabbix",
            "ops@example.com",
            "Problem: disk full",
            "Host: db2");
    assertEquals(0, later.code(), later.err());
    String loaded = Files.readString(classes, StandardCharsets.UTF_8);
    assertTrue(
        loaded.contains("dev.alertmail.cli.AlertMailCli source: shared objects file"),
        "AlertMail's classes come from the archive");
    assertTrue(
        loaded.contains("dev.alertmail.smtp.SmtpSession source: shared objects file"),
        "and so do the SMTP client's");

    MimeMessage[] mails = greenMail.getReceivedMessages();
    assertEquals(2, mails.length);
    assertEquals("Problem: disk full", mails[1].getSubject());
    assertEquals("Host: db2", GreenMailUtil.getBody(mails[1]).strip());
  }

  @Test
  void withTheArchiveOffNothingIsWrittenBesideTheJar() throws Exception {
    Run run = run(Map.of("ALERTMAIL_CDS", "off"), "zabbix", "ops@example.com", "s", "b");

    assertEquals(0, run.code(), run.err());
    assertFalse(Files.exists(archive));
    assertEquals(List.of(), leftovers());
    assertEquals(1, greenMail.getReceivedMessages().length);
  }
}
