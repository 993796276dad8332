package dev.alertmail.log4j2;

import dev.alertmail.config.AlertMailSettings;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;

/**
 * The attributes of {@code <AlertMail>} that say where mail goes and how, with the names and
 * defaults of the logback.xml elements; see {@link AlertMailBuilder}.
 *
 * @param <B> the builder
 */
public abstract class RouteAttributes<B extends RouteAttributes<B>>
    extends AbstractAppender.Builder<B> {

  @PluginBuilderAttribute private String smtpHost;

  @PluginBuilderAttribute private String smtpPort;

  @PluginBuilderAttribute private String tls;

  @PluginBuilderAttribute private String trustStore;

  @PluginBuilderAttribute(sensitive = true)
  private String trustStorePassword;

  @PluginBuilderAttribute private String dnsServer;

  @PluginBuilderAttribute private String username;

  @PluginBuilderAttribute(sensitive = true)
  private String password;

  @PluginBuilderAttribute private String authMechanism;

  @PluginBuilderAttribute private String localhost;

  @PluginBuilderAttribute private String connectTimeout;

  @PluginBuilderAttribute private String readTimeout;

  RouteAttributes() {}

  /**
   * The relay, or a comma list of relays tried in order ({@code host[:port]} each). Default: none,
   * which means MX routing to each recipient domain.
   *
   * @param smtpHost the value as written
   * @return this builder
   */
  public B setSmtpHost(String smtpHost) {
    this.smtpHost = smtpHost;
    return asBuilder();
  }

  /**
   * The port of relays written without one, and of MX hosts. Default: 25, or 465 with {@code
   * IMPLICIT}.
   *
   * @param smtpPort the value as written
   * @return this builder
   */
  public B setSmtpPort(String smtpPort) {
    this.smtpPort = smtpPort;
    return asBuilder();
  }

  /**
   * {@code NONE}, {@code OPPORTUNISTIC}, {@code STARTTLS} (required) or {@code IMPLICIT}. Default:
   * {@code OPPORTUNISTIC}.
   *
   * @param tls the value as written
   * @return this builder
   */
  public B setTls(String tls) {
    this.tls = tls;
    return asBuilder();
  }

  /**
   * A PKCS12 or JKS trust store that replaces the JVM's. Default: the JVM's. Host names are
   * verified either way.
   *
   * @param trustStore the value as written
   * @return this builder
   */
  public B setTrustStore(String trustStore) {
    this.trustStore = trustStore;
    return asBuilder();
  }

  /**
   * The trust store's password; never shown. Default: none.
   *
   * @param trustStorePassword the value as written
   * @return this builder
   */
  public B setTrustStorePassword(String trustStorePassword) {
    this.trustStorePassword = trustStorePassword;
    return asBuilder();
  }

  /**
   * The DNS server ({@code host[:port]}) asked under MX routing. Default: the system's resolvers.
   *
   * @param dnsServer the value as written
   * @return this builder
   */
  public B setDnsServer(String dnsServer) {
    this.dnsServer = dnsServer;
    return asBuilder();
  }

  /**
   * The SMTP AUTH user; requires {@code password}. Default: none, no AUTH.
   *
   * @param username the value as written
   * @return this builder
   */
  public B setUsername(String username) {
    this.username = username;
    return asBuilder();
  }

  /**
   * The SMTP AUTH password; never shown. Default: none. Usually {@code ${env:SMTP_PASSWORD}}.
   *
   * @param password the value as written
   * @return this builder
   */
  public B setPassword(String password) {
    this.password = password;
    return asBuilder();
  }

  /**
   * {@code PLAIN} or {@code LOGIN}. Default: the best the server offers.
   *
   * @param authMechanism the value as written
   * @return this builder
   */
  public B setAuthMechanism(String authMechanism) {
    this.authMechanism = authMechanism;
    return asBuilder();
  }

  /**
   * The name announced in EHLO. Default: this machine's name.
   *
   * @param localhost the value as written
   * @return this builder
   */
  public B setLocalhost(String localhost) {
    this.localhost = localhost;
    return asBuilder();
  }

  /**
   * Bound on connecting and on the TLS handshake. Default: {@code 10 seconds}.
   *
   * @param connectTimeout the value as written
   * @return this builder
   */
  public B setConnectTimeout(String connectTimeout) {
    this.connectTimeout = connectTimeout;
    return asBuilder();
  }

  /**
   * Bound on each whole reply of the server. Default: {@code 60 seconds}.
   *
   * @param readTimeout the value as written
   * @return this builder
   */
  public B setReadTimeout(String readTimeout) {
    this.readTimeout = readTimeout;
    return asBuilder();
  }

  /** Hands every attribute of this class to the settings, as written. */
  void fill(AlertMailSettings settings) {
    settings.set("smtpHost", smtpHost);
    settings.set("smtpPort", smtpPort);
    settings.set("tls", tls);
    settings.set("trustStore", trustStore);
    settings.set("trustStorePassword", trustStorePassword);
    settings.set("dnsServer", dnsServer);
    settings.set("username", username);
    settings.set("password", password);
    settings.set("authMechanism", authMechanism);
    settings.set("localhost", localhost);
    settings.set("connectTimeout", connectTimeout);
    settings.set("readTimeout", readTimeout);
  }
}
