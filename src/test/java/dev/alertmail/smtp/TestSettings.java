package dev.alertmail.smtp;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Settings for tests against a loopback server; short timeouts so a hang fails fast. */
final class TestSettings {

  static final String LOCALHOST = "client.test";

  private TestSettings() {}

  static SmtpSettings plain(int port) {
    return with(port, TlsMode.NONE, null, null, null);
  }

  static SmtpSettings with(
      int port, TlsMode tls, String username, String password, AuthMechanism mechanism) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        tls,
        username,
        password,
        mechanism,
        LOCALHOST,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        null);
  }

  static SmtpSettings tls(
      int port, TlsMode tls, String username, String password, SSLContext sslContext) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        tls,
        username,
        password,
        null,
        LOCALHOST,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        sslContext);
  }

  static SmtpSettings withReadTimeout(int port, Duration readTimeout) {
    return timed(port, TlsMode.NONE, Duration.ofSeconds(5), readTimeout, null);
  }

  /** Without credentials, with the given deadlines: for tests of what a deadline ends. */
  static SmtpSettings timed(
      int port, TlsMode tls, Duration connectTimeout, Duration readTimeout, SSLContext sslContext) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        tls,
        null,
        null,
        null,
        LOCALHOST,
        connectTimeout,
        readTimeout,
        sslContext);
  }
}
