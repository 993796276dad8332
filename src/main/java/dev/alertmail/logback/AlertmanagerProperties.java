package dev.alertmail.logback;

/**
 * The logback.xml elements of the route to a fleet's Prometheus Alertmanager: with {@code
 * alertmanagerUrl} set, each problem becomes one alert posted to every replica, and Alertmanager
 * sends one notification per problem for the whole fleet; the mail elements become the fallback.
 * See {@link AlertMailAppender} and README, A fleet: Alertmanager.
 */
public abstract class AlertmanagerProperties extends OAuthProperties {

  /** Only {@link AlertMailAppender} extends this. */
  AlertmanagerProperties() {}

  /**
   * Every Alertmanager replica's base URL, comma-separated, e.g. {@code http://am-0:9093,
   * http://am-1:9093}: with it, each problem becomes one alert posted to every replica (never a
   * load balancer: replicas share silences and notifications, not alerts), and the mail settings
   * become the fallback. Default: none, mail only.
   *
   * @param alertmanagerUrl e.g. {@code http://am-0:9093, http://am-1:9093}
   */
  public void setAlertmanagerUrl(String alertmanagerUrl) {
    settings().set("alertmanagerUrl", alertmanagerUrl);
  }

  /**
   * Labels added to every alert, or replacing a default one ({@code alertname} {@code
   * ApplicationError}, {@code service} the application's name, {@code instance} this host, {@code
   * severity} from the level), e.g. {@code env=prod, team=payments, instance=${HOSTNAME}}. Never
   * anything that changes from event to event: labels are the alert's identity. Default: none.
   *
   * @param alertmanagerLabels e.g. {@code env=prod, team=payments}
   */
  public void setAlertmanagerLabels(String alertmanagerLabels) {
    settings().set("alertmanagerLabels", alertmanagerLabels);
  }

  /**
   * How often every active alert is posted again, with its counts, its {@code endsAt} four
   * refreshes ahead (as Prometheus does): an instance that dies lets its alerts expire. At most 1
   * hour. Default: {@code 60 seconds}.
   *
   * @param alertmanagerRefresh e.g. {@code 60 seconds}
   */
  public void setAlertmanagerRefresh(String alertmanagerRefresh) {
    settings().set("alertmanagerRefresh", alertmanagerRefresh);
  }

  /**
   * How long a problem must be quiet before its alert is resolved (its {@code endsAt} its last
   * event). At most 30 days. Default: {@code 5 minutes}.
   *
   * @param resolveAfter e.g. {@code 5 minutes}
   */
  public void setResolveAfter(String resolveAfter) {
    settings().set("resolveAfter", resolveAfter);
  }

  /**
   * How long a new problem's alert may go untaken by every replica before the problem is mailed
   * directly, through flood control as usual, when mail settings are present; {@code 0} never. At
   * most 1 day. Default: {@code 2 minutes}.
   *
   * @param fallbackAfter e.g. {@code 2 minutes}
   */
  public void setFallbackAfter(String fallbackAfter) {
    settings().set("fallbackAfter", fallbackAfter);
  }

  /**
   * The alerts' {@code generatorURL}, a link back to the logs, with {@code {fingerprint}}, {@code
   * {service}} and {@code {instance}} filled in, e.g. {@code
   * https://logs.example.com/?q={fingerprint}}. Default: none.
   *
   * @param generatorUrl an absolute URL pattern
   */
  public void setGeneratorUrl(String generatorUrl) {
    settings().set("generatorUrl", generatorUrl);
  }

  /**
   * The user of basic authentication to Alertmanager (with {@code alertmanagerPassword}). Default:
   * none.
   *
   * @param alertmanagerUsername the user
   */
  public void setAlertmanagerUsername(String alertmanagerUsername) {
    settings().set("alertmanagerUsername", alertmanagerUsername);
  }

  /**
   * The password of basic authentication to Alertmanager; never shown. Default: none.
   *
   * @param alertmanagerPassword the password
   */
  public void setAlertmanagerPassword(String alertmanagerPassword) {
    settings().set("alertmanagerPassword", alertmanagerPassword);
  }

  /**
   * A file holding a bearer token for Alertmanager, read again when it changes (a rotated token).
   * Default: none.
   *
   * @param alertmanagerTokenFile a file's path
   */
  public void setAlertmanagerTokenFile(String alertmanagerTokenFile) {
    settings().set("alertmanagerTokenFile", alertmanagerTokenFile);
  }
}
