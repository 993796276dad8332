package dev.alertmail.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.mail.DkimKey;
import dev.alertmail.mail.IndependentDkimVerifier;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour both appenders share, run against each through its own framework: delivery,
 * implicit TLS, flood control and its accounting, never blocking, bad configuration. A subclass
 * supplies the framework.
 */
public abstract class AppenderContract {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(
          new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()
          });

  /** A fresh harness with an application named "shop". */
  protected abstract AppenderHarness harness();

  private static Map<String, String> plain(int port, String... more) {
    Map<String, String> settings = new HashMap<>();
    settings.put("smtpHost", "127.0.0.1");
    settings.put("smtpPort", String.valueOf(port));
    settings.put("tls", "NONE");
    settings.put("from", "alerts@example.com");
    settings.put("to", "ops@example.com");
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  @Test
  void anErrorArrivesWithItsContextStackTraceAndCount() throws Exception {
    try (AppenderHarness app = harness()) {
      app.configure(plain(greenMail.getSmtp().getPort(), "groupWait", "0 seconds"));
      assertTrue(app.started(), app.errors().toString());
      app.log("INFO", "com.shop.Checkout", "cart has 3 items", null);
      app.log(
          "ERROR",
          "com.shop.Checkout",
          "payment failed",
          new IllegalStateException("card declined", new RuntimeException("gateway timeout")));

      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), app.errors().toString());
      MimeMessage mail = greenMail.getReceivedMessages()[0];
      assertTrue(mail.getSubject().startsWith("[shop] ERROR "), mail.getSubject());
      assertTrue(mail.getSubject().endsWith("Checkout: payment failed"), mail.getSubject());
      assertEquals("1", mail.getHeader("X-AlertMail-Count", null));
      String text = dev.alertmail.mail.ParsedMail.text(mail);
      assertTrue(text.contains("cart has 3 items"), text);
      assertTrue(text.contains("java.lang.IllegalStateException: card declined"), text);
      assertTrue(text.contains("Caused by: java.lang.RuntimeException: gateway timeout"), text);
    }
  }

  /**
   * With {@code dkimDomain}, {@code dkimSelector} and {@code dkimKey}, the mail that arrived
   * (through GreenMail, which adds its own headers) verifies for an independent verifier, with the
   * record {@code alertmail dkim-key} would have printed.
   */
  /** Mail to GreenMail at once, signed as {@code d=domain, s=alerts1} with the key file. */
  private static Map<String, String> signedAs(String domain, Path key) {
    return plain(
        greenMail.getSmtp().getPort(),
        "groupWait",
        "0 seconds",
        "dkimDomain",
        domain,
        "dkimSelector",
        "alerts1",
        "dkimKey",
        key.toString());
  }

  @ParameterizedTest
  @EnumSource(DkimKey.Algorithm.class)
  void aSignedMailVerifiesAsItArrived(DkimKey.Algorithm algorithm, @TempDir Path dir)
      throws Exception {
    IndependentDkimVerifier.assumeAvailable();
    var key = DkimKey.generate(algorithm);
    Path file = Files.writeString(dir.resolve("dkim.pem"), key.pem());
    try (AppenderHarness app = harness()) {
      app.configure(signedAs("example.com", file));
      assertTrue(app.started(), app.errors().toString());
      // a UTF-8 subject long enough to fold, lines that start with dots, a stack trace
      app.log(
          "ERROR",
          "com.shop.Checkout",
          "payment für Bestellung Ä-1 failed: the provider said Überweisung abgelehnt, "
              + "noch einmal versuchen? 支付失败\n.leading dot\n..two dots\n.",
          new IllegalStateException("declined"));

      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), app.errors().toString());
      String raw = GreenMailUtil.getWholeMessage(greenMail.getReceivedMessages()[0]);
      assertTrue(raw.contains("\r\n.."), "a dot-stuffed line arrived unstuffed: " + raw);
      assertEquals(
          "pass",
          IndependentDkimVerifier.verify(
              raw.getBytes(StandardCharsets.US_ASCII),
              "alerts1._domainkey.example.com",
              key.txtRecord()));
    }
  }

  @Test
  void aSigningDomainThatDoesNotAlignWithFromIsAWarningAndMailIsStillSigned(@TempDir Path dir)
      throws Exception {
    IndependentDkimVerifier.assumeAvailable();
    var key = DkimKey.generate(DkimKey.Algorithm.ED25519_SHA256);
    Path file = Files.writeString(dir.resolve("dkim.pem"), key.pem());
    try (AppenderHarness app = harness()) {
      app.configure(signedAs("other.org", file));
      assertTrue(app.started(), app.errors().toString());
      assertTrue(
          app.warnings().stream()
              .anyMatch(
                  w ->
                      w.contains(
                          app.named("dkimDomain").equals("dkimDomain")
                              ? "dkimDomain=\"other.org\" is not the domain of from (example.com):"
                                  + " DMARC"
                              : "<dkimDomain>other.org</dkimDomain> is not the domain of <from>"
                                  + " (example.com): DMARC")),
          app.warnings().toString());

      app.log("ERROR", "com.shop.Checkout", "payment failed", null);
      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), app.errors().toString());
      byte[] raw =
          GreenMailUtil.getWholeMessage(greenMail.getReceivedMessages()[0])
              .getBytes(StandardCharsets.US_ASCII);
      assertEquals(
          "pass",
          IndependentDkimVerifier.verify(raw, "alerts1._domainkey.other.org", key.txtRecord()));
    }
  }

  @Test
  void credentialsUnderMxRoutingAreAWarning() {
    try (AppenderHarness app = harness()) {
      Map<String, String> settings = plain(25, "username", "alerts", "password", "secret");
      settings.remove("smtpHost");
      app.configure(settings);

      assertTrue(app.started(), app.errors().toString());
      String expected =
          app.named("username")
              + " is set but "
              + app.named("smtpHost")
              + " is not: with MX routing each recipient domain's servers are asked";
      assertTrue(
          app.warnings().stream().anyMatch(w -> w.contains(expected)), app.warnings().toString());
      assertFalse(app.warnings().toString().contains("secret"));
    }
  }

  @Test
  void signingSettingsThatCannotSignAreReportedByName(@TempDir Path dir) throws Exception {
    Path pkcs1 =
        Files.writeString(
            dir.resolve("old.pem"),
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");
    try (AppenderHarness app = harness()) {
      app.configure(
          plain(greenMail.getSmtp().getPort(), "dkimDomain", "example.com", "dkimKey", "/x.pem"));
      assertFalse(app.started());
      assertTrue(
          app.errors().toString().contains("dkimSelector")
              && app.errors().toString().contains("go together"),
          app.errors().toString());
    }
    try (AppenderHarness app = harness()) {
      app.configure(
          plain(
              greenMail.getSmtp().getPort(),
              "dkimDomain",
              "example.com",
              "dkimSelector",
              "alerts_1",
              "dkimKey",
              pkcs1.toString()));
      assertFalse(app.started());
      String errors = app.errors().toString();
      assertTrue(errors.contains("dkimSelector") && errors.contains("not a DNS name"), errors);
      assertTrue(errors.contains("PKCS#1") && errors.contains("openssl pkcs8"), errors);
      assertFalse(errors.contains("MIIE"), "the key's text is never shown: " + errors);
    }
  }

  /** Every mail that arrived, subjects and text parts, for assertions and failure messages. */
  private static String arrived() throws Exception {
    StringBuilder all = new StringBuilder();
    for (MimeMessage mail : greenMail.getReceivedMessages()) {
      all.append(mail.getSubject())
          .append('\n')
          .append(dev.alertmail.mail.ParsedMail.text(mail))
          .append('\n');
    }
    return all.toString();
  }

  private static long counted() throws Exception {
    long counted = 0;
    for (MimeMessage mail : greenMail.getReceivedMessages()) {
      counted += Long.parseLong(mail.getHeader("X-AlertMail-Count", null));
    }
    return counted;
  }

  @Test
  void errorsWithoutAMessageArriveWithTheirExceptions() throws Exception {
    try (AppenderHarness app = harness()) {
      app.configure(plain(greenMail.getSmtp().getPort(), "groupWait", "0 seconds"));
      app.log("ERROR", "com.shop.Export", null, null);
      app.log("ERROR", "com.shop.Export", null, new java.io.IOException("disk gone"));
      // log.error(e.getMessage()) for an exception without a message: the everyday case
      app.log("ERROR", "com.shop.Export", new IllegalStateException().getMessage(), null);
      app.stop();

      assertEquals(3, counted(), arrived() + app.errors());
      String arrived = arrived();
      assertTrue(arrived.contains("java.io.IOException: disk gone"), arrived);
      assertFalse(arrived.contains("dropped"), arrived);
      assertTrue(app.errors().isEmpty(), app.errors().toString());
    }
  }

  /**
   * An exception whose methods misbehave, as an application's own may: it costs its own detail,
   * never its alert, and never the alert it rides on as context.
   */
  @Test
  void anExceptionThatCannotBeReadWholeCostsOnlyItsOwnDetail() throws Exception {
    try (AppenderHarness app = harness()) {
      app.configure(plain(greenMail.getSmtp().getPort(), "groupWait", "0 seconds"));
      app.log("INFO", "com.shop.Cache", "cache warm-up slow", new HostileException("cache"));
      app.log("ERROR", "com.shop.Checkout", "payment failed", new HostileException("payment"));
      app.stop();

      assertEquals(1, counted(), arrived() + app.errors());
      String arrived = arrived();
      assertTrue(arrived.contains("payment failed"), arrived);
      assertTrue(arrived.contains("cache warm-up slow"), arrived);
      assertTrue(arrived.contains(HostileException.class.getName() + ": payment"), arrived);
    }
  }

  /** Its toString() throws and it has no stack trace (getStackTrace() returns null). */
  public static final class HostileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HostileException(String message) {
      super(message);
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString() is broken");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      return null;
    }
  }

  /**
   * A 10 MB message with eight 1 MB context lines once made a 24.7 MB mail, which the server's size
   * limit refused, losing every problem grouped into it. Now each part has its budget, the mail its
   * total, and the mail says what was cut.
   */
  @Test
  void aHugeMessageAndHugeContextMakeOneMailWithinItsBudgetThatSaysWhatWasCut() throws Exception {
    try (AppenderHarness app = harness()) {
      app.configure(plain(greenMail.getSmtp().getPort(), "groupWait", "0 seconds"));
      String megabyte = "context line ".repeat(80_000);
      for (int i = 0; i < 8; i++) {
        app.log("INFO", "com.shop.Import", i + " " + megabyte, null);
      }
      app.log(
          "ERROR",
          "com.shop.Import",
          "import failed: " + "y".repeat(10_000_000),
          new IllegalStateException("batch 7 rejected", new java.sql.SQLException("deadlock")));
      app.stop();

      assertEquals(1, greenMail.getReceivedMessages().length, app.errors().toString());
      MimeMessage mail = greenMail.getReceivedMessages()[0];
      var raw = new java.io.ByteArrayOutputStream();
      mail.writeTo(raw);
      assertTrue(raw.size() <= 256 * 1024, "the mail has " + raw.size() + " bytes");
      String text = dev.alertmail.mail.ParsedMail.text(mail);
      assertTrue(text.contains("import failed: yyyy"), "the message's start is shown");
      assertTrue(text.contains("characters cut]"), "and says how much was cut");
      assertTrue(text.contains("SQLException: deadlock"), "the root cause is always shown");
      assertEquals("1", mail.getHeader("X-AlertMail-Count", null));
    }
  }

  /** A fleet: each problem is one alert, posted to every replica, its count exact. */
  @Test
  void anAlertmanagerGetsEachProblemOnceWithItsCount() throws Exception {
    try (var am0 = new dev.alertmail.alertmanager.FakeAlertmanager();
        var am1 = new dev.alertmail.alertmanager.FakeAlertmanager();
        AppenderHarness app = harness()) {
      Map<String, String> settings = new HashMap<>();
      settings.put("alertmanagerUrl", am0.url() + ", " + am1.url());
      settings.put("alertmanagerLabels", "env=prod, team=payments");
      app.configure(settings);
      assertTrue(app.started(), app.errors().toString());
      app.log("INFO", "com.shop.db.Pool", "pool at 90%", null);
      for (int i = 0; i < 5; i++) {
        app.log("ERROR", "com.shop.db.Pool", "pool exhausted", new IllegalStateException("db"));
      }
      app.stop(); // the last post has the final counts

      for (var replica : List.of(am0, am1)) {
        var alerts = replica.lastAlerts();
        assertEquals(1, alerts.size(), replica.posts().toString());
        var alert = alerts.get(0);
        assertEquals("5", alert.getAsJsonObject("annotations").get("count").getAsString());
        assertEquals("payments", alert.getAsJsonObject("labels").get("team").getAsString());
        assertEquals("shop", alert.getAsJsonObject("labels").get("service").getAsString());
      }
      assertEquals(0, greenMail.getReceivedMessages().length);
    }
  }

  @Test
  void implicitTlsWithATrustStoreDelivers() throws Exception {
    try (AppenderHarness app = harness()) {
      Map<String, String> settings = plain(greenMail.getSmtps().getPort());
      settings.put("smtpHost", "localhost");
      settings.put("tls", "IMPLICIT");
      settings.put(
          "trustStore", Path.of("src/test/resources/tls/server.p12").toAbsolutePath().toString());
      settings.put("trustStorePassword", "changeit");
      settings.put("groupWait", "PT0S");
      app.configure(settings);
      app.log("ERROR", "com.shop.Checkout", "payment failed", null);

      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), app.errors().toString());
    }
  }

  @Test
  void manyErrorsFromSeveralThreadsBecomeFewMailsThatCountThemAll() throws Exception {
    int threads = 4;
    int perThread = 5_000;
    try (AppenderHarness app = harness()) {
      app.configure(
          plain(greenMail.getSmtp().getPort(), "groupWait", "200 milliseconds", "maxMails", "5"));
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int shard = t % 2;
        Thread worker =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < perThread; i++) {
                    app.log("ERROR", "com.shop.db.ShardRouter", "timeout on shard " + shard, null);
                  }
                });
        worker.start();
        workers.add(worker);
      }
      start.countDown();
      for (Thread worker : workers) {
        worker.join();
      }
      app.stop(); // the last mail takes what is pending

      long counted = 0;
      MimeMessage[] mails = greenMail.getReceivedMessages();
      for (MimeMessage mail : mails) {
        counted += Long.parseLong(mail.getHeader("X-AlertMail-Count", null));
      }
      assertEquals((long) threads * perThread, counted, app.errors().toString());
      assertTrue(mails.length <= 6, "the rate limit plus the last mail: " + mails.length);
    }
  }

  @Test
  void loggingNeverWaitsForASilentServer() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AppenderHarness app = harness()) {
      app.configure(
          plain(
              silent.getLocalPort(),
              "readTimeout",
              "1 hour",
              "queueSize",
              "4",
              "groupWait",
              "0 seconds",
              "shutdownTimeout",
              "200 milliseconds"));
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> {
            for (int i = 0; i < 100; i++) {
              app.log("ERROR", "app", "failure " + i, null);
            }
          });
      app.stop();
      assertTrue(
          app.errors().stream().anyMatch(m -> m.contains("100 triggering events not delivered")),
          app.errors().toString());
    }
  }

  @Test
  void aWrongValueIsReportedByItsNameAndTheApplicationRunsOn() {
    try (AppenderHarness app = harness()) {
      Map<String, String> settings = plain(25, "tls", "SSL", "groupWait", "soon");
      settings.put("password", "hunter2");
      settings.put("username", "alerts");
      app.configure(settings);

      assertFalse(app.started());
      String errors = String.join("\n", app.errors());
      assertTrue(errors.contains(app.named("tls") + " 'SSL' is not one of NONE"), errors);
      assertTrue(errors.contains(app.named("groupWait") + " 'soon' is not a duration"), errors);
      assertFalse(errors.contains("hunter2"), errors);
      assertDoesNotThrow(() -> app.log("ERROR", "app", "the application keeps running", null));
    }
  }
}
