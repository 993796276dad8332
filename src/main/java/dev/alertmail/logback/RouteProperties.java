package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.alertmail.config.AlertMailSettings;

/**
 * The logback.xml elements that say where mail goes and how: one setter per element, each handing
 * the text as written to the framework-neutral {@link AlertMailSettings}, which validates them all
 * in {@code start()}. Durations may be written as in Logback ({@code 10 seconds}) or ISO-8601
 * ({@code PT10S}). See {@link AlertMailAppender}.
 */
public abstract class RouteProperties extends UnsynchronizedAppenderBase<ILoggingEvent> {

  private final AlertMailSettings settings = new AlertMailSettings();

  /** Only {@link AlertMailAppender} extends this. */
  RouteProperties() {}

  AlertMailSettings settings() {
    return settings;
  }

  /**
   * The relay mail is sent through, or a comma list of relays tried in order ({@code host[:port]}
   * each, the port defaulting to {@code smtpPort}). Default: none, which means MX routing: each
   * recipient domain's mail exchangers are looked up in DNS and mail goes to them directly.
   *
   * @param smtpHost e.g. {@code smtp.example.com} or {@code relay1.example.com, relay2:2525}
   */
  public void setSmtpHost(String smtpHost) {
    settings().set("smtpHost", smtpHost);
  }

  /**
   * The SMTP port of relays written without one, and of MX hosts. Default: 25, or 465 when {@code
   * tls} is {@code IMPLICIT}.
   *
   * @param smtpPort 1 to 65535; 587 is the usual submission port
   */
  public void setSmtpPort(String smtpPort) {
    settings().set("smtpPort", smtpPort);
  }

  /**
   * How the connection is protected: {@code NONE}, {@code OPPORTUNISTIC} (STARTTLS when the server
   * offers it), {@code STARTTLS} (required) or {@code IMPLICIT} (TLS from the first byte). Default:
   * {@code OPPORTUNISTIC}. Credentials are sent in clear text only with {@code NONE}.
   *
   * @param tls one of the names above, case-insensitive
   */
  public void setTls(String tls) {
    settings().set("tls", tls);
  }

  /**
   * A trust store (PKCS12 or JKS) that replaces the JVM's for TLS connections, for a relay whose
   * certificate comes from a private CA. Default: none, the JVM's trust store. Host names are
   * verified either way.
   *
   * @param trustStore the path of the store, e.g. {@code /etc/alertmail/ca.p12}
   */
  public void setTrustStore(String trustStore) {
    settings().set("trustStore", trustStore);
  }

  /**
   * The password of {@code trustStore}. Default: none (a store without integrity password).
   *
   * @param trustStorePassword the password; never shown in status
   */
  public void setTrustStorePassword(String trustStorePassword) {
    settings().set("trustStorePassword", trustStorePassword);
  }

  /**
   * The DNS server asked for MX and address records when {@code smtpHost} is not set. Default: the
   * system's resolvers.
   *
   * @param dnsServer {@code host[:port]}, e.g. {@code 10.0.0.2} or {@code 127.0.0.1:5353}
   */
  public void setDnsServer(String dnsServer) {
    settings().set("dnsServer", dnsServer);
  }

  /**
   * The user name for SMTP AUTH. Default: none, no AUTH. Usually {@code ${SMTP_USER}}.
   *
   * @param username the user name; requires {@code password}
   */
  public void setUsername(String username) {
    settings().set("username", username);
  }

  /**
   * The password for SMTP AUTH. Default: none. Never shown in status or transcripts; usually {@code
   * ${SMTP_PASSWORD}}.
   *
   * @param password the password; requires {@code username}
   */
  public void setPassword(String password) {
    settings().set("password", password);
  }

  /**
   * Forces an AUTH mechanism: {@code LOGIN} or {@code PLAIN}. Default: the best the server offers
   * (PLAIN, then LOGIN).
   *
   * @param authMechanism {@code LOGIN} or {@code PLAIN}
   */
  public void setAuthMechanism(String authMechanism) {
    settings().set("authMechanism", authMechanism);
  }

  /**
   * The name this client announces in EHLO. Default: this machine's fully qualified host name, or
   * its address literal such as {@code [10.0.0.5]}, found once on the sender thread.
   *
   * @param localhost a host name, e.g. {@code app1.example.com}
   */
  public void setLocalhost(String localhost) {
    settings().set("localhost", localhost);
  }

  /**
   * Bound on establishing a connection. Default: {@code 10 seconds}.
   *
   * @param connectTimeout a duration, e.g. {@code 10 seconds} or {@code PT10S}
   */
  public void setConnectTimeout(String connectTimeout) {
    settings().set("connectTimeout", connectTimeout);
  }

  /**
   * Bound on each whole reply of the server and each write to it, however the server paces its
   * bytes; a session with one server is bounded by 2 x {@code connectTimeout} + 3 x {@code
   * readTimeout}. Default: {@code 60 seconds}.
   *
   * @param readTimeout a duration, e.g. {@code 60 seconds}
   */
  public void setReadTimeout(String readTimeout) {
    settings().set("readTimeout", readTimeout);
  }
}
