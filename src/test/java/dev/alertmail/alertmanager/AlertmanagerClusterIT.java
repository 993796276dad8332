package dev.alertmail.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.alert.Conversation;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet against a real two-replica Alertmanager cluster (Debian's prometheus-alertmanager, run
 * with the example's alertmanager.yml and mail template) mailing to GreenMail: three instances of a
 * service hit by the same problem make one mail; with one replica stopped, still one; with both
 * down, each instance mails the problem itself. CI installs the package and requires this test
 * (ALERTMAIL_REQUIRE_ALERTMANAGER=1); elsewhere it is skipped when the package is missing.
 */
class AlertmanagerClusterIT {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);
  private static final Path EXAMPLE = Path.of("examples/alertmanager");

  @TempDir Path dir;
  private final List<Process> replicas = new ArrayList<>();
  private final List<LoggerContext> instances = new ArrayList<>();

  @AfterEach
  void stop() {
    instances.forEach(LoggerContext::stop);
    replicas.forEach(Process::destroyForcibly);
  }

  private static String binary() {
    for (String candidate :
        List.of("/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager")) {
      if (new File(candidate).canExecute()) {
        return candidate;
      }
    }
    boolean required = "1".equals(System.getenv("ALERTMAIL_REQUIRE_ALERTMANAGER"));
    if (required) {
      throw new AssertionError(
          "prometheus-alertmanager is not installed: apt-get install prometheus-alertmanager");
    }
    Assumptions.abort("prometheus-alertmanager is not installed; CI installs it");
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The example's configuration, mailing to GreenMail, its group_wait shortened for the test. */
  private Path config() throws IOException {
    String yaml =
        Files.readString(EXAMPLE.resolve("alertmanager.yml"))
            .replace("smtp.example.com:587", "127.0.0.1:" + greenMail.getSmtp().getPort())
            .replace("auth_username: alerts@example.com", "")
            .replace("auth_password_file: /etc/alertmanager/smtp-password", "")
            .replace("require_tls: true", "require_tls: false")
            .replace("group_wait: 10s", "group_wait: 1s");
    Files.copy(EXAMPLE.resolve("alertmail.tmpl"), dir.resolve("alertmail.tmpl"));
    return Files.writeString(dir.resolve("alertmanager.yml"), yaml);
  }

  private URI replica(String binary, Path config, int web, int cluster, int peer, int n)
      throws IOException {
    Process process =
        new ProcessBuilder(
                binary,
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data" + n),
                "--web.listen-address=127.0.0.1:" + web,
                "--cluster.listen-address=127.0.0.1:" + cluster,
                "--cluster.peer=127.0.0.1:" + peer,
                "--cluster.peer-timeout=" + PEER_TIMEOUT.toSeconds() + "s",
                "--cluster.settle-timeout=5s")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("replica" + n + ".log").toFile())
            .start();
    replicas.add(process);
    return URI.create("http://127.0.0.1:" + web + "/");
  }

  private static void await(BooleanSupplier condition, Duration bound, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what);
      }
      Thread.sleep(100);
    }
  }

  private static boolean ready(URI replica) {
    try {
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(replica.resolve("api/v2/status")).build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.body().contains("\"status\":\"ready\"")
          && response.body().split("\"address\"", -1).length == 3;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private LoggerContext instance(String name, URI... urls) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setName("shop");
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    String xml =
        """
        <configuration>
          <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
            <alertmanagerUrl>%s</alertmanagerUrl>
            <alertmanagerLabels>instance=%s</alertmanagerLabels>
            <fallbackAfter>3 seconds</fallbackAfter>
            <smtpHost>127.0.0.1:%d</smtpHost>
            <tls>NONE</tls>
            <from>alerts@example.com</from>
            <to>oncall@example.com</to>
            <groupWait>0 seconds</groupWait>
          </appender>
          <root level="INFO"><appender-ref ref="ALERT"/></root>
        </configuration>
        """
            .formatted(urls[0] + ", " + urls[1], name, greenMail.getSmtp().getPort());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    instances.add(context);
    return context;
  }

  private void everyInstanceLogs(String logger, String message) {
    for (LoggerContext instance : instances) {
      instance
          .getLogger(logger)
          .error(message, new IllegalStateException("no connection", new IOException("reset")));
    }
  }

  private static List<MimeMessage> mails() {
    return List.of(greenMail.getReceivedMessages());
  }

  /** No further mail within the time the second replica needs to decide it was sent already. */
  private static void noMoreMailsThan(int count) throws InterruptedException {
    long bound = System.nanoTime() + PEER_TIMEOUT.multipliedBy(3).plusSeconds(3).toNanos();
    while (System.nanoTime() < bound) {
      assertEquals(count, greenMail.getReceivedMessages().length, "one notification per problem");
      Thread.sleep(200);
    }
  }

  @Test
  void aFleetGetsOneMailPerProblemThroughTheClusterAndMailsItselfWhenTheClusterIsDown()
      throws Exception {
    String binary = binary();
    Path config = config();
    int web0 = freePort();
    int web1 = freePort();
    int cluster0 = freePort();
    int cluster1 = freePort();
    URI am0 = replica(binary, config, web0, cluster0, cluster1, 0);
    URI am1 = replica(binary, config, web1, cluster1, cluster0, 1);
    await(() -> ready(am0) && ready(am1), Duration.ofSeconds(60), "the cluster settles");
    for (int i = 1; i <= 3; i++) {
      instance("app" + i, am0, am1);
    }

    // three instances, one problem: one mail, in AlertMail's own conversation for it
    everyInstanceLogs("com.shop.db.Pool", "pool exhausted");
    await(() -> mails().size() == 1, Duration.ofSeconds(30), "Alertmanager's mail");
    noMoreMailsThan(1);
    MimeMessage first = mails().get(0);
    assertTrue(first.getSubject().contains("pool exhausted"), first.getSubject());
    assertTrue(first.getSubject().endsWith("(3 of 3 instances)"), first.getSubject());
    String fingerprint = first.getSubject().isEmpty() ? "" : fingerprintOf(first);
    assertEquals(
        Conversation.root("shop", fingerprint, "example.com"), first.getHeader("References", null));

    // a replica stops: the other still mails the next problem, once
    replicas.get(0).destroy();
    replicas.get(0).waitFor();
    everyInstanceLogs("com.shop.Checkout", "card declined");
    await(() -> mails().size() == 2, Duration.ofSeconds(30), "the mail of the standing replica");
    noMoreMailsThan(2);
    assertTrue(mails().get(1).getSubject().contains("card declined"));

    // both down: each instance mails the next problem itself after fallbackAfter
    replicas.get(1).destroy();
    replicas.get(1).waitFor();
    everyInstanceLogs("com.shop.Export", "export failed");
    await(() -> mails().size() == 5, Duration.ofSeconds(30), "three fallback mails");
    for (MimeMessage fallback : mails().subList(2, 5)) {
      assertTrue(
          fallback.getSubject().endsWith("(Alertmanager unreachable)"), fallback.getSubject());
      assertEquals(
          Conversation.root(
              "shop", fallback.getHeader("X-AlertMail-Fingerprint", null), "example.com"),
          fallback.getHeader("References", null));
    }
  }

  /** The template ends each mail with the problem's fingerprint. */
  private static String fingerprintOf(MimeMessage mail) throws Exception {
    String text = dev.alertmail.mail.ParsedMail.text(mail);
    int at = text.indexOf("fingerprint ");
    return text.substring(at + "fingerprint ".length(), at + "fingerprint ".length() + 12);
  }
}
