package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.alertmail.smtp.ScriptedSmtpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The appender signing in to a Microsoft-365-like server with the client-credentials grant: a token
 * endpoint in the test JVM and a scripted SMTP server that checks the XOAUTH2 blob.
 */
class AlertMailAppenderOAuthTest {

  @Test
  void theClientCredentialsGrantSignsInAndTheMailIsSent() throws Exception {
    AtomicInteger tokenRequests = new AtomicInteger();
    HttpServer endpoint =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext(
        "/tenant/oauth2/v2.0/token",
        exchange -> {
          tokenRequests.incrementAndGet();
          byte[] body =
              "{\"access_token\":\"ms-token-1\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    endpoint.start();
    String blob =
        Base64.getEncoder()
            .encodeToString(
                "user=alerts@contoso.test\u0001auth=Bearer ms-token-1\u0001\u0001"
                    .getBytes(StandardCharsets.UTF_8));
    try (ScriptedSmtpServer smtp =
            ScriptedSmtpServer.start(
                peer -> {
                  peer.send("220 smtp.office365.test");
                  peer.readLine(); // EHLO
                  peer.send("250-smtp.office365.test", "250 AUTH LOGIN XOAUTH2");
                  peer.expect("AUTH XOAUTH2 " + blob).send("235 2.7.0 Authentication successful");
                  peer.readLine(); // MAIL FROM
                  peer.send("250 ok");
                  peer.readLine(); // RCPT TO
                  peer.send("250 ok");
                  peer.expect("DATA").send("354 go on");
                  peer.readData();
                  peer.send("250 queued");
                  peer.expect("QUIT").send("221 bye");
                });
        LogbackFixture logback =
            LogbackFixture.configure(
                """
                <configuration>
                  <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                    <smtpHost>127.0.0.1:${SMTP}</smtpHost>
                    <tls>NONE</tls>
                    <username>alerts@contoso.test</username>
                    <oauthTokenUrl>http://127.0.0.1:${HTTP}/tenant/oauth2/v2.0/token</oauthTokenUrl>
                    <oauthClientId>app-123</oauthClientId>
                    <oauthClientSecret>client-secret-value</oauthClientSecret>
                    <oauthScope>https://outlook.office365.com/.default</oauthScope>
                    <from>alerts@contoso.test</from>
                    <to>ops@contoso.test</to>
                    <transcript>true</transcript>
                  </appender>
                  <root level="INFO"><appender-ref ref="ALERT"/></root>
                </configuration>
                """,
                Map.of(
                    "SMTP", String.valueOf(smtp.port()),
                    "HTTP", String.valueOf(endpoint.getAddress().getPort())))) {
      assertTrue(logback.appender("ALERT").isStarted(), logback.statusText());
      logback.context.getLogger("com.shop").error("payment failed");
      logback.appender("ALERT").stop();

      smtp.awaitScript();
      assertEquals(1, tokenRequests.get());
      String status = logback.statusText();
      assertTrue(status.contains("SMTP C: AUTH XOAUTH2 ****"), status);
      assertTrue(status.contains("Sent alert mail"), status);
      assertFalse(status.contains("ms-token-1"), status);
      assertFalse(status.contains(blob), status);
      assertFalse(status.contains("client-secret-value"), status);
    } finally {
      endpoint.stop(0);
    }
  }
}
