package dev.alertmail.log4j2;

import dev.alertmail.config.AlertMailSettings;
import dev.alertmail.config.SettingWords;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The attributes of {@code <AlertMail>} in log4j2.xml: the same names and defaults as the
 * logback.xml elements (README has the table), durations as {@code 10 seconds} or {@code PT10S},
 * values through Log4j's lookups ({@code ${env:SMTP_PASSWORD}}). {@link #build()} reports each
 * wrong value through Log4j's status logger, naming the attribute, and returns null: Log4j then
 * goes on without this appender, and the application never sees an exception.
 */
public final class AlertMailBuilder extends MailAttributes<AlertMailBuilder>
    implements org.apache.logging.log4j.core.util.Builder<AlertMailAppender> {

  private static final Logger LOGGER = StatusLogger.getLogger();
  private static final List<String> LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
  private static final String DEFAULT_SUBJECT = "[%contextName] %level %logger{1.}: %message";

  @PluginBuilderAttribute private String groupWait;

  @PluginBuilderAttribute private String maxMails;

  @PluginBuilderAttribute private String ratePeriod;

  @PluginBuilderAttribute private String dedupWindow;

  @PluginBuilderAttribute private String queueSize;

  @PluginBuilderAttribute private String shutdownTimeout;

  @PluginBuilderAttribute private String transcript;

  @PluginBuilderAttribute private String threading;

  @PluginBuilderAttribute private String listId;

  @PluginBuilderAttribute private String appPackages;

  @PluginBuilderAttribute private String maxMailSize;

  AlertMailBuilder() {}

  /**
   * The most one mail may take, e.g. {@code 256 KB} or {@code 1 MB} (from 16 KB to 64 MB). Default:
   * {@code 256 KB}. A larger mail is made again with less detail (context, then frames, then long
   * values) until it fits, and says so; a server whose SIZE is smaller gets a mail that fits it.
   *
   * @param maxMailSize the value as written
   * @return this builder
   */
  public AlertMailBuilder setMaxMailSize(String maxMailSize) {
    this.maxMailSize = maxMailSize;
    return this;
  }

  /**
   * The package prefixes of the application's own code, a comma list. Default: the package of the
   * application's main class; when that cannot be told, every frame outside well-known frameworks
   * and libraries.
   *
   * @param appPackages the value as written
   * @return this builder
   */
  public AlertMailBuilder setAppPackages(String appPackages) {
    this.appPackages = appPackages;
    return this;
  }

  /**
   * Whether mails about one problem join one conversation in mail clients. Default: {@code true}.
   *
   * @param threading the value as written
   * @return this builder
   */
  public AlertMailBuilder setThreading(String threading) {
    this.threading = threading;
    return this;
  }

  /**
   * The {@code List-Id} header. Default: derived from the configuration's name.
   *
   * @param listId the value as written
   * @return this builder
   */
  public AlertMailBuilder setListId(String listId) {
    this.listId = listId;
    return this;
  }

  /**
   * What triggers within this time after a first trigger shares its mail. Default: {@code 10
   * seconds}.
   *
   * @param groupWait the value as written
   * @return this builder
   */
  public AlertMailBuilder setGroupWait(String groupWait) {
    this.groupWait = groupWait;
    return this;
  }

  /**
   * The rate limit: at most this many mails per {@code ratePeriod}. Default: 12.
   *
   * @param maxMails the value as written
   * @return this builder
   */
  public AlertMailBuilder setMaxMails(String maxMails) {
    this.maxMails = maxMails;
    return this;
  }

  /**
   * The rate limit's period. Default: {@code 1 hour}.
   *
   * @param ratePeriod the value as written
   * @return this builder
   */
  public AlertMailBuilder setRatePeriod(String ratePeriod) {
    this.ratePeriod = ratePeriod;
    return this;
  }

  /**
   * A problem mailed within this window is counted, not mailed again. Default: {@code 1 hour}.
   *
   * @param dedupWindow the value as written
   * @return this builder
   */
  public AlertMailBuilder setDedupWindow(String dedupWindow) {
    this.dedupWindow = dedupWindow;
    return this;
  }

  /**
   * The hand-off's capacity; beyond it alerts are counted, never waited for. Default: 1024.
   *
   * @param queueSize the value as written
   * @return this builder
   */
  public AlertMailBuilder setQueueSize(String queueSize) {
    this.queueSize = queueSize;
    return this;
  }

  /**
   * Bound on mailing what is pending when the appender stops. Default: {@code 10 seconds}.
   *
   * @param shutdownTimeout the value as written
   * @return this builder
   */
  public AlertMailBuilder setShutdownTimeout(String shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
    return this;
  }

  /**
   * {@code true} writes the SMTP dialogue to the status logger, credentials masked. Default: {@code
   * false}.
   *
   * @param transcript the value as written
   * @return this builder
   */
  public AlertMailBuilder setTranscript(String transcript) {
    this.transcript = transcript;
    return this;
  }

  @Override
  public AlertMailAppender build() {
    String name = getName();
    if (name == null || name.isBlank()) {
      LOGGER.error(
          "AlertMail: the name attribute is missing: write <AlertMail name=\"ALERT\" ...>.");
      return null;
    }
    AlertMailSettings settings =
        new AlertMailSettings()
            .undefinedHint("set it in the environment, or as a <Property> in log4j2.xml.");
    fill(settings);
    settings.set("groupWait", groupWait);
    settings.set("maxMails", maxMails);
    settings.set("ratePeriod", ratePeriod);
    settings.set("dedupWindow", dedupWindow);
    settings.set("queueSize", queueSize);
    settings.set("shutdownTimeout", shutdownTimeout);
    settings.set("transcript", transcript);
    settings.set("threading", threading);
    settings.set("listId", listId);
    settings.set("appPackages", appPackages);
    settings.set("maxMailSize", maxMailSize);
    String application =
        getConfiguration() == null || getConfiguration().getName() == null
            ? ""
            : getConfiguration().getName();
    List<String> problems = new ArrayList<>();
    AlertMailSettings.Validated valid = settings.validate(name, application, LEVELS, problems);
    if (!problems.isEmpty()) {
      for (String problem : problems) {
        LOGGER.error("AlertMail [{}]: {}", name, SettingWords.LOG4J.speak(problem));
      }
      LOGGER.error("AlertMail [{}] not created: fix the attributes above.", name);
      return null;
    }
    for (String warning : valid.warnings()) {
      LOGGER.warn("AlertMail [{}]: {}", name, SettingWords.LOG4J.speak(warning));
    }
    if (getFilter() != null && triggerLevel() != null) {
      LOGGER.warn("AlertMail [{}]: triggerLevel is ignored because a filter is set.", name);
    }
    AlertMailManager manager =
        AlertMailManager.get(
            name, settings, new AlertMailManager.Data(valid, new Log4jStatus(name)));
    return new AlertMailAppender(
        name,
        getFilter(),
        manager,
        Level.toLevel(valid.triggerLevel(), Level.ERROR),
        subjectLayout(valid.subject(), application));
  }

  /** Log4j's pattern, with Logback's {@code %contextName} standing for the configuration's name. */
  private PatternLayout subjectLayout(String pattern, String application) {
    String log4j = pattern.equals(AlertMailSettings.DEFAULT_SUBJECT) ? DEFAULT_SUBJECT : pattern;
    return PatternLayout.newBuilder()
        .withPattern(log4j.replace("%contextName", application.replace("%", "%%")))
        .withConfiguration(getConfiguration())
        .withAlwaysWriteExceptions(false)
        .build();
  }
}
