package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.smtp.ScriptedSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as ops and monitoring systems call it, against GreenMail and scripted faults.
 */
class AlertMailCliTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("ops@example.com", "alerts", "s3cret!"));

  @TempDir Path dir;

  /** What a run printed and returned. */
  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String stdin, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        AlertMailCli.run(
            args,
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String port() {
    return String.valueOf(greenMail.getSmtp().getPort());
  }

  private static String[] plain(String... more) {
    List<String> args = new ArrayList<>(List.of(more));
    args.addAll(
        List.of(
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            port(),
            "--tls",
            "NONE",
            "--from",
            "alerts@example.com"));
    return args.toArray(String[]::new);
  }

  private static Run sendThrough(ScriptedSmtpServer server, String to) {
    return run(
        Map.of(),
        "x",
        "send",
        "--to",
        to,
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        String.valueOf(server.port()),
        "--tls",
        "NONE",
        "--from",
        "a@example.com");
  }

  /** A server that greets, answers EHLO plainly, then lets the script go on. */
  private static void greet(ScriptedSmtpServer.Peer peer) throws Exception {
    peer.send("220 mx.test");
    peer.readLine(); // EHLO
    peer.send("250 mx.test");
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  @Test
  void sendDeliversTheBodyFromStdinToEveryRecipient() throws Exception {
    Run run =
        run(
            Map.of(),
            "Disk /var is 97% full.\n",
            plain(
                "send",
                "--to",
                "ops@example.com,dev@example.com",
                "--cc",
                "lead@example.com",
                "--subject",
                "Disk full on db1 \u2713"));

    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out().startsWith("delivered to ops@example.com, dev@example.com, lead@example.com"));
    MimeMessage[] mails = greenMail.getReceivedMessages();
    assertEquals(3, mails.length);
    assertEquals("Disk full on db1 \u2713", mails[0].getSubject());
    assertEquals(
        "Disk /var is 97% full.",
        String.valueOf(mails[0].getContent()).strip(), "the body as given, line ends aside");
    assertEquals(2, mails[0].getRecipients(Message.RecipientType.TO).length);
  }

  @Test
  void htmlBodyComesFromAFile() throws Exception {
    Path body = Files.writeString(dir.resolve("body.html"), "<p>db1 <b>down</b></p>");
    Run run =
        run(
            Map.of(),
            "",
            plain("send", "--to", "ops@example.com", "--html", "--body-file", body.toString()));

    assertEquals(0, run.code(), run.err());
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertTrue(mail.isMimeType("text/html"), mail.getContentType());
    assertTrue(String.valueOf(mail.getContent()).contains("<b>down</b>"));
  }

  @Test
  void zabbixTakesRecipientSubjectAndMessageAsItsThreeValues() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("alertmail.properties"),
            "smtpHost=127.0.0.1\nsmtpPort=" + port() + "\ntls=NONE\nfrom=zabbix@example.com\n");

    Run run =
        run(
            Map.of(),
            "",
            "zabbix",
            "--config",
            config.toString(),
            "ops@example.com",
            "Problem: disk full",
            "Host: db1\nSeverity: High");

    assertEquals(0, run.code(), run.err());
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertEquals("Problem: disk full", mail.getSubject());
    assertTrue(String.valueOf(mail.getContent()).contains("Severity: High"));
    assertEquals("zabbix@example.com", mail.getFrom()[0].toString());
  }

  @Test
  void flagsOverrideTheEnvironmentWhichOverridesTheFile() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("alertmail.properties"),
            "smtpHost=127.0.0.1\nsmtpPort="
                + freePort()
                + "\ntls=NONE\nfrom=file@example.com\nto=ops@example.com\n");
    Map<String, String> env =
        Map.of("ALERTMAIL_SMTP_PORT", port(), "ALERTMAIL_FROM", "env@example.com");

    Run fromEnv = run(env, "x", "send", "--config", config.toString());
    Run fromFlag =
        run(env, "x", "send", "--config", config.toString(), "--from", "flag@example.com");

    assertEquals(
        0, fromEnv.code(), fromEnv.err()); // the file's dead port lost to the environment's
    assertEquals(0, fromFlag.code(), fromFlag.err());
    List<String> senders = new ArrayList<>();
    for (MimeMessage mail : greenMail.getReceivedMessages()) {
      senders.add(mail.getFrom()[0].toString());
    }
    assertEquals(List.of("env@example.com", "flag@example.com"), senders);
  }

  @Test
  void aPasswordGivenAsAFlagIsRefused() {
    Run run = run(Map.of(), "x", plain("send", "--to", "ops@example.com", "--password", "hunter2"));
    assertEquals(64, run.code());
    assertTrue(run.err().contains("ALERTMAIL_PASSWORD"), run.err());
    assertFalse(run.err().contains("hunter2"));
    assertEquals(0, greenMail.getReceivedMessages().length);
  }

  @Test
  void usageErrorsExitWith64() {
    assertEquals(64, run(Map.of(), "").code());
    assertEquals(64, run(Map.of(), "", "mail").code());
    assertEquals(64, run(Map.of(), "", plain("zabbix", "ops@example.com", "subject only")).code());
  }

  @Test
  void aMalformedAddressExitsWith67() {
    Run run = run(Map.of(), "x", plain("send", "--to", "ops-at-example.com"));
    assertEquals(67, run.code());
    assertTrue(run.err().startsWith("alertmail: --to 'ops-at-example.com'"), run.err());
  }

  @Test
  void aConfigurationErrorExitsWith78NamingTheSetting() {
    Run run =
        run(
            Map.of("ALERTMAIL_TLS", "SSL"),
            "x",
            "send",
            "--to",
            "ops@example.com",
            "--smtp-host",
            "127.0.0.1",
            "--from",
            "a@example.com");
    assertEquals(78, run.code());
    assertTrue(run.err().contains("tls 'SSL' is not one of"), run.err());
  }

  @Test
  void aRefusedLoginExitsWith77WithoutShowingThePassword() {
    Run run =
        run(
            Map.of("ALERTMAIL_USERNAME", "alerts", "ALERTMAIL_PASSWORD", "wrong-pass"),
            "x",
            plain("send", "--to", "ops@example.com", "--verbose"));
    assertEquals(77, run.code(), run.err());
    assertTrue(run.err().contains("C: AUTH"), "--verbose shows the dialogue: " + run.err());
    assertFalse(run.err().contains("wrong-pass"), run.err());
  }

  @Test
  void aTemporaryRefusalExitsWith75SoTheMonitoringSystemRetries() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.readLine(); // MAIL FROM
              peer.send("451 4.3.0 try again later");
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run = sendThrough(server, "ops@example.com");
      assertEquals(75, run.code(), run.err());
      assertTrue(run.err().contains("451 4.3.0 try again later"), run.err());
    }
  }

  @Test
  void aPermanentRefusalOfTheMessageExitsWith69() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.readLine();
              peer.send("250 ok");
              peer.readLine();
              peer.send("250 ok");
              peer.expect("DATA").send("354 go");
              peer.readData();
              peer.send("554 5.7.1 message rejected as spam");
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run = sendThrough(server, "ops@example.com");
      assertEquals(69, run.code(), run.err());
    }
  }

  @Test
  void everyRecipientRefusedExitsWith67() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.readLine();
              peer.send("250 ok");
              peer.readLine();
              peer.send("550 5.1.1 no such user");
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run = sendThrough(server, "nobody@example.com");
      assertEquals(67, run.code(), run.err());
    }
  }

  @Test
  void theSampleZabbixConfigurationParses() throws Exception {
    Settings settings =
        new Settings(Settings.readFile(Path.of("examples/zabbix/alertmail.properties")));
    SmtpSetup setup = SmtpSetup.of(settings);
    assertEquals("smtp.example.com", setup.relays().get(0).host());
    assertEquals(587, setup.relays().get(0).port());
    assertTrue(Files.isExecutable(Path.of("examples/zabbix/alertmail-zabbix")));
    assertTrue(
        Arrays.asList(Files.readString(Path.of("examples/zabbix/alertmail-zabbix")).split("\\s+"))
            .contains("zabbix"));
  }
}
