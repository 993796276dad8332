package dev.alertmail.log4j2;

import dev.alertmail.config.AlertMailSettings;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;

/**
 * The attributes of {@code <AlertMail>} for the route to a fleet's Prometheus Alertmanager, with
 * the names of the logback.xml elements; see {@link AlertMailBuilder} and README, A fleet:
 * Alertmanager.
 *
 * @param <B> the builder
 */
public abstract class AlertmanagerAttributes<B extends AlertmanagerAttributes<B>>
    extends OAuthAttributes<B> {

  @PluginBuilderAttribute private String alertmanagerUrl;

  @PluginBuilderAttribute private String alertmanagerLabels;

  @PluginBuilderAttribute private String alertmanagerRefresh;

  @PluginBuilderAttribute private String resolveAfter;

  @PluginBuilderAttribute private String fallbackAfter;

  @PluginBuilderAttribute private String generatorUrl;

  @PluginBuilderAttribute private String alertmanagerUsername;

  @PluginBuilderAttribute(sensitive = true)
  private String alertmanagerPassword;

  @PluginBuilderAttribute private String alertmanagerTokenFile;

  AlertmanagerAttributes() {}

  /**
   * Every Alertmanager replica's base URL, comma-separated, e.g. {@code http://am-0:9093,
   * http://am-1:9093}: with it, each problem becomes one alert posted to every replica (never a
   * load balancer: replicas share silences and notifications, not alerts), and the mail settings
   * become the fallback. Default: none, mail only.
   *
   * @param alertmanagerUrl the value as written
   * @return this builder
   */
  public B setAlertmanagerUrl(String alertmanagerUrl) {
    this.alertmanagerUrl = alertmanagerUrl;
    return asBuilder();
  }

  /**
   * Labels added to every alert, or replacing a default one ({@code alertname} {@code
   * ApplicationError}, {@code service} the application's name, {@code instance} this host, {@code
   * severity} from the level), e.g. {@code env=prod, team=payments, instance=${HOSTNAME}}. Never
   * anything that changes from event to event: labels are the alert's identity. Default: none.
   *
   * @param alertmanagerLabels the value as written
   * @return this builder
   */
  public B setAlertmanagerLabels(String alertmanagerLabels) {
    this.alertmanagerLabels = alertmanagerLabels;
    return asBuilder();
  }

  /**
   * How often every active alert is posted again, with its counts, its {@code endsAt} four
   * refreshes ahead (as Prometheus does): an instance that dies lets its alerts expire. At most 1
   * hour. Default: {@code 60 seconds}.
   *
   * @param alertmanagerRefresh the value as written
   * @return this builder
   */
  public B setAlertmanagerRefresh(String alertmanagerRefresh) {
    this.alertmanagerRefresh = alertmanagerRefresh;
    return asBuilder();
  }

  /**
   * How long a problem must be quiet before its alert is resolved (its {@code endsAt} its last
   * event). At most 30 days. Default: {@code 5 minutes}.
   *
   * @param resolveAfter the value as written
   * @return this builder
   */
  public B setResolveAfter(String resolveAfter) {
    this.resolveAfter = resolveAfter;
    return asBuilder();
  }

  /**
   * How long a new problem's alert may go untaken by every replica before the problem is mailed
   * directly, through flood control as usual, when mail settings are present; {@code 0} never. At
   * most 1 day. Default: {@code 2 minutes}.
   *
   * @param fallbackAfter the value as written
   * @return this builder
   */
  public B setFallbackAfter(String fallbackAfter) {
    this.fallbackAfter = fallbackAfter;
    return asBuilder();
  }

  /**
   * The alerts' {@code generatorURL}, a link back to the logs, with {@code {fingerprint}}, {@code
   * {service}} and {@code {instance}} filled in, e.g. {@code
   * https://logs.example.com/?q={fingerprint}}. Default: none.
   *
   * @param generatorUrl the value as written
   * @return this builder
   */
  public B setGeneratorUrl(String generatorUrl) {
    this.generatorUrl = generatorUrl;
    return asBuilder();
  }

  /**
   * The user of basic authentication to Alertmanager (with {@code alertmanagerPassword}). Default:
   * none.
   *
   * @param alertmanagerUsername the value as written
   * @return this builder
   */
  public B setAlertmanagerUsername(String alertmanagerUsername) {
    this.alertmanagerUsername = alertmanagerUsername;
    return asBuilder();
  }

  /**
   * The password of basic authentication to Alertmanager; never shown. Default: none.
   *
   * @param alertmanagerPassword the value as written
   * @return this builder
   */
  public B setAlertmanagerPassword(String alertmanagerPassword) {
    this.alertmanagerPassword = alertmanagerPassword;
    return asBuilder();
  }

  /**
   * A file holding a bearer token for Alertmanager, read again when it changes (a rotated token).
   * Default: none.
   *
   * @param alertmanagerTokenFile the value as written
   * @return this builder
   */
  public B setAlertmanagerTokenFile(String alertmanagerTokenFile) {
    this.alertmanagerTokenFile = alertmanagerTokenFile;
    return asBuilder();
  }

  @Override
  void fill(AlertMailSettings settings) {
    super.fill(settings);
    settings.set("alertmanagerUrl", alertmanagerUrl);
    settings.set("alertmanagerLabels", alertmanagerLabels);
    settings.set("alertmanagerRefresh", alertmanagerRefresh);
    settings.set("resolveAfter", resolveAfter);
    settings.set("fallbackAfter", fallbackAfter);
    settings.set("generatorUrl", generatorUrl);
    settings.set("alertmanagerUsername", alertmanagerUsername);
    settings.set("alertmanagerPassword", alertmanagerPassword);
    settings.set("alertmanagerTokenFile", alertmanagerTokenFile);
  }
}
