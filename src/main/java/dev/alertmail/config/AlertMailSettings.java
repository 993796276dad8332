package dev.alertmail.config;

import dev.alertmail.alert.FloodPolicy;
import dev.alertmail.alertmanager.AlertmanagerConfig;
import dev.alertmail.delivery.SenderConfig;
import dev.alertmail.mail.DkimSigner;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailFormat;
import dev.alertmail.oauth.TokenCache;
import dev.alertmail.smtp.AuthMechanism;
import dev.alertmail.smtp.HostPort;
import dev.alertmail.smtp.TlsMode;
import dev.alertmail.smtp.TrustStores;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Every setting of an AlertMail appender, by the one name it has in logback.xml, log4j2.xml and the
 * command line, as the user wrote it, with its default and its validation. Each framework's adapter
 * only hands over the text; {@link #validate} reports every problem at once, naming the setting as
 * a logback.xml element (turn the words into the user's with {@link SettingWords}).
 *
 * <p>Not thread-safe: filled while a configuration is read, then validated once.
 */
public final class AlertMailSettings {

  /** The settings of one mail and the way to its server, in the order the README lists them. */
  public static final List<String> MAIL_NAMES =
      List.of(
          "smtpHost",
          "smtpPort",
          "tls",
          "trustStore",
          "trustStorePassword",
          "dnsServer",
          "username",
          "password",
          "authMechanism",
          "oauthTokenCommand",
          "oauthTokenFile",
          "oauthTokenUrl",
          "oauthClientId",
          "oauthClientSecret",
          "oauthScope",
          "oauthRefreshToken",
          "localhost",
          "connectTimeout",
          "readTimeout",
          "from",
          "to",
          "cc",
          "bcc",
          "dkimDomain",
          "dkimSelector",
          "dkimKey");

  /**
   * The settings that shape alerts rather than a single mail (context, grouping, rate, hand-off):
   * the appenders' own; the command line has no flag for them.
   */
  public static final List<String> ALERT_NAMES =
      List.of(
          "subject",
          "format",
          "triggerLevel",
          "bufferSize",
          "groupWait",
          "maxMails",
          "ratePeriod",
          "dedupWindow",
          "queueSize",
          "shutdownTimeout",
          "transcript",
          "threading",
          "listId",
          "appPackages",
          "maxMailSize");

  /** The settings of the route to a fleet's Alertmanager; the command line takes them too. */
  public static final List<String> ALERTMANAGER_NAMES = AlertmanagerChecks.NAMES;

  /** Every setting's name, in the order the README lists them. */
  public static final List<String> NAMES =
      java.util.stream.Stream.of(MAIL_NAMES, ALERTMANAGER_NAMES, ALERT_NAMES)
          .flatMap(List::stream)
          .toList();

  /** Settings whose values are never shown. */
  public static final Set<String> SECRETS =
      Set.of(
          "password",
          "trustStorePassword",
          "oauthClientSecret",
          "oauthRefreshToken",
          "alertmanagerPassword");

  /** Settings that may be given several times, each a comma list. */
  public static final Set<String> REPEATABLE = Set.of("to", "cc", "bcc");

  /** The default subject pattern (Logback's PatternLayout; Log4j's takes the same words). */
  public static final String DEFAULT_SUBJECT = "[%contextName] %level %logger{20}: %message";

  static final int MAX_BUFFER_SIZE = 10_000;

  /**
   * The longest {@code connectTimeout}, {@code readTimeout} and {@code shutdownTimeout}: longer
   * waits help nobody, and each bound keeps a clock's arithmetic far from overflowing.
   */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  /** The longest {@code groupWait}. */
  static final Duration MAX_GROUP_WAIT = Duration.ofDays(1);

  /** The longest {@code ratePeriod} and {@code dedupWindow}. */
  static final Duration MAX_PERIOD = Duration.ofDays(30);

  /** The largest {@code maxMails} and {@code queueSize}. */
  static final int MAX_COUNT = 1_000_000;

  /** The default {@code maxMailSize}: a few hundred KB, far below any server's limit. */
  public static final long DEFAULT_MAIL_SIZE = 256L << 10;

  /** The bounds of {@code maxMailSize}: room for the causes at least, no more than servers take. */
  static final long MIN_MAIL_SIZE = 16L << 10;

  static final long MAX_MAIL_SIZE = 64L << 20;

  private final Map<String, String> values = new LinkedHashMap<>();
  private String undefinedHint = "set it in the environment or as a <property> in logback.xml.";

  /** How a user of this framework defines a variable, said after an undefined one. */
  public AlertMailSettings undefinedHint(String hint) {
    this.undefinedHint = hint;
    return this;
  }

  /** Sets a setting as written; null or blank leaves the default. Repeatable ones accumulate. */
  public AlertMailSettings set(String name, String value) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown setting " + name);
    }
    if (value == null || value.isBlank()) {
      return this;
    }
    if (REPEATABLE.contains(name)) {
      values.merge(name, value, (a, b) -> a + "," + b);
    } else {
      values.put(name, value);
    }
    return this;
  }

  /** {@return the text given for a setting, or null} */
  public String get(String name) {
    return values.get(name);
  }

  /**
   * What an adapter needs besides the sender's configuration.
   *
   * @param sender the sender thread's configuration
   * @param triggerLevel the trigger level's name, upper case, or null when none was written
   * @param bufferSize context events shown before a trigger
   * @param subject the subject pattern
   * @param shutdownTimeout the bound on stop()
   * @param warnings settings that work but may not do what was meant, to report at start (named as
   *     logback.xml elements; {@link SettingWords} speaks them in other words)
   */
  public record Validated(
      SenderConfig sender,
      String triggerLevel,
      int bufferSize,
      String subject,
      Duration shutdownTimeout,
      List<String> warnings) {}

  /**
   * Checks every setting.
   *
   * @param name the appender's name
   * @param application the application's name shown in mail
   * @param levels the level names the framework knows, for {@code triggerLevel}
   * @param problems receives each problem, naming the setting as a logback.xml element
   * @return the validated settings, or null when there were problems
   */
  public Validated validate(
      String name, String application, List<String> levels, List<String> problems) {
    Map<String, String> text = new LinkedHashMap<>(values);
    List<String> undefined = UndefinedVariables.problems(text, undefinedHint);
    if (!undefined.isEmpty()) {
      // the other checks would only repeat these in other words, or quote a password's text
      problems.addAll(undefined);
      return null;
    }
    var check = new SettingChecks(problems);
    // with Alertmanager, mail is the fallback: no mail settings at all means no fallback
    boolean fleet = get("alertmanagerUrl") != null;
    boolean mail = !fleet || get("from") != null || get("to") != null;
    MailAddress from = null;
    if (get("from") == null) {
      if (mail) {
        problems.add(
            "<from> is not set: write <from>alerts@example.com</from>"
                + (fleet ? " (mail is the fallback when Alertmanager cannot be reached)." : "."));
      }
    } else {
      from = check.address("from", get("from"));
    }
    List<MailAddress> to = check.addresses("to", get("to"));
    if (mail && to.isEmpty() && get("to") == null) {
      problems.add(
          "<to> is not set: write <to>ops@example.com</to> (repeatable, or a comma list).");
    }
    List<MailAddress> cc = check.addresses("cc", get("cc"));
    List<MailAddress> bcc = check.addresses("bcc", get("bcc"));
    TlsMode tls = check.choice("tls", get("tls"), TlsMode.class, TlsMode.OPPORTUNISTIC);
    int port = check.port(get("smtpPort"), tls == TlsMode.IMPLICIT ? 465 : 25);
    List<HostPort> relays = check.relays(get("smtpHost"), port);
    HostPort dns = check.dnsServer(get("dnsServer"));
    SSLContext trust = TrustStores.context(get("trustStore"), get("trustStorePassword"), problems);
    MailFormat format = check.choice("format", get("format"), MailFormat.class, MailFormat.BOTH);
    AuthMechanism mechanism =
        check.choice("authMechanism", get("authMechanism"), AuthMechanism.class, null);
    TokenCache tokens =
        new OAuthChecks(problems)
            .tokens(this, mechanism, trust, connectTimeoutOf(), readTimeoutOf());
    check.credentials(get("username"), get("password"), get("authMechanism"), tokens != null);
    check.localhost(get("localhost"));
    Duration connectTimeout =
        check.positive("connectTimeout", get("connectTimeout"), 10_000, MAX_TIMEOUT);
    Duration readTimeout = check.positive("readTimeout", get("readTimeout"), 60_000, MAX_TIMEOUT);
    Duration shutdownTimeout =
        check.positive("shutdownTimeout", get("shutdownTimeout"), 10_000, MAX_TIMEOUT);
    String level = check.level(get("triggerLevel"), levels);
    int bufferSize = check.number("bufferSize", get("bufferSize"), 32, 0, MAX_BUFFER_SIZE);
    int queueSize = check.number("queueSize", get("queueSize"), 1024, 1, MAX_COUNT);
    boolean transcript = check.flag("transcript", get("transcript"));
    long maxMailSize =
        check.size(
            "maxMailSize", get("maxMailSize"), DEFAULT_MAIL_SIZE, MIN_MAIL_SIZE, MAX_MAIL_SIZE);
    DkimSigner dkim =
        DkimChecks.signer(get("dkimDomain"), get("dkimSelector"), get("dkimKey"), problems);
    AlertmanagerConfig alertmanager =
        new AlertmanagerChecks(problems).route(this, trust, tls == TlsMode.NONE, connectTimeout);
    boolean threading = get("threading") == null || check.flag("threading", get("threading"));
    String subject = get("subject") == null ? DEFAULT_SUBJECT : get("subject");
    FloodPolicy flood =
        new FloodPolicy(
            check.notNegative("groupWait", get("groupWait"), 10_000, MAX_GROUP_WAIT),
            check.number("maxMails", get("maxMails"), 12, 1, MAX_COUNT),
            check.positive("ratePeriod", get("ratePeriod"), 3_600_000, MAX_PERIOD),
            check.notNegative("dedupWindow", get("dedupWindow"), 3_600_000, MAX_PERIOD));
    if (!problems.isEmpty()) {
      return null;
    }
    var sender =
        new SenderConfig(
            name,
            application,
            ZoneId.systemDefault(),
            from,
            to,
            cc,
            bcc,
            format,
            relays,
            port,
            dns,
            trust,
            tls,
            get("username") == null ? null : get("username"),
            get("password"),
            mechanism,
            get("localhost") == null ? null : get("localhost").strip(),
            connectTimeout,
            readTimeout,
            queueSize,
            transcript,
            flood,
            tokens,
            threading,
            get("listId") == null ? null : get("listId").strip(),
            appPackages(),
            maxMailSize,
            alertmanager,
            dkim);
    return new Validated(
        sender,
        level,
        bufferSize,
        subject,
        shutdownTimeout,
        StartWarnings.of(relays, get("username"), from, dkim));
  }

  /** The configured packages, or those the application shows (its main class's). */
  private List<String> appPackages() {
    List<String> packages = new ArrayList<>();
    if (get("appPackages") != null) {
      for (String part : get("appPackages").split(",")) {
        if (!part.isBlank()) {
          packages.add(part.strip());
        }
      }
    }
    return packages.isEmpty() ? dev.alertmail.alert.AppCode.inferred() : packages;
  }

  private Duration connectTimeoutOf() {
    return durationOr("connectTimeout", Duration.ofSeconds(10));
  }

  private Duration readTimeoutOf() {
    return durationOr("readTimeout", Duration.ofSeconds(60));
  }

  private Duration durationOr(String name, Duration otherwise) {
    try {
      return get(name) == null ? otherwise : SettingDuration.parse(get(name));
    } catch (IllegalArgumentException e) {
      return otherwise; // reported by the duration's own check
    }
  }

  /** {@return a copy, for an adapter that must not share its builder's state} */
  public AlertMailSettings copy() {
    var copy = new AlertMailSettings();
    copy.values.putAll(values);
    copy.undefinedHint = undefinedHint;
    return copy;
  }

  /** Equal when every setting was written the same: a reconfiguration that changed nothing. */
  @Override
  public boolean equals(Object other) {
    return other instanceof AlertMailSettings settings && settings.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    var shown = new ArrayList<String>();
    values.forEach((k, v) -> shown.add(k + "=" + (SECRETS.contains(k) ? "****" : v)));
    return "AlertMailSettings" + shown;
  }
}
