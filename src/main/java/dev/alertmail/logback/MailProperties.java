package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.boolex.EventEvaluator;

/**
 * The logback.xml elements of the mail, of what makes an alert, of flood control and of the life
 * cycle: one setter per element, each handing the text as written to the framework-neutral
 * settings. See {@link AlertMailAppender}.
 */
public abstract class MailProperties extends AlertmanagerProperties {

  private EventEvaluator<ILoggingEvent> evaluator;

  /** Only {@link AlertMailAppender} extends this. */
  MailProperties() {}

  EventEvaluator<ILoggingEvent> evaluator() {
    return evaluator;
  }

  /**
   * A standard Logback evaluator deciding which events trigger an alert, as in Logback's
   * SMTPAppender, e.g. {@code ch.qos.logback.classic.boolex.OnMarkerEvaluator}. Default: none; the
   * {@code triggerLevel} decides.
   *
   * @param evaluator a started evaluator
   */
  public void setEvaluator(EventEvaluator<ILoggingEvent> evaluator) {
    this.evaluator = evaluator;
  }

  /**
   * The sender address. Required.
   *
   * @param from an address of the form {@code local@domain}
   */
  public void setFrom(String from) {
    settings().set("from", from);
  }

  /**
   * Adds primary recipients. At least one is required. Repeatable, and a comma list also works.
   *
   * @param to one address or a comma-separated list
   */
  public void addTo(String to) {
    settings().set("to", to);
  }

  /**
   * Adds copy recipients. Default: none. Repeatable, and a comma list also works.
   *
   * @param cc one address or a comma-separated list
   */
  public void addCc(String cc) {
    settings().set("cc", cc);
  }

  /**
   * Adds blind copy recipients: they receive the mail and never appear in any header. Default:
   * none. Repeatable, and a comma list also works.
   *
   * @param bcc one address or a comma-separated list
   */
  public void addBcc(String bcc) {
    settings().set("bcc", bcc);
  }

  /**
   * The subject: a Logback {@code PatternLayout} pattern applied to the triggering event. Default:
   * {@code [%contextName] %level %logger{20}: %message}. Line breaks and control characters are
   * removed, non-ASCII is encoded, and a very long subject is cut.
   *
   * @param subject a pattern
   */
  public void setSubject(String subject) {
    settings().set("subject", subject);
  }

  /**
   * The body format: {@code HTML}, {@code TEXT} or {@code BOTH} (multipart/alternative). Default:
   * {@code BOTH}.
   *
   * @param format one of the names above, case-insensitive
   */
  public void setFormat(String format) {
    settings().set("format", format);
  }

  /**
   * How long a group stays open after its first trigger: what triggers meanwhile goes into the same
   * mail. Default: {@code 10 seconds}. {@code 0 seconds} mails each trigger as soon as the rate
   * limit allows.
   *
   * @param groupWait a duration, e.g. {@code 10 seconds} or {@code PT10S}
   */
  public void setGroupWait(String groupWait) {
    settings().set("groupWait", groupWait);
  }

  /**
   * The rate limit: at most this many mails per {@code ratePeriod}; what triggers while the limit
   * is spent is counted into the next mail. Default: {@code 12}.
   *
   * @param maxMails at least 1
   */
  public void setMaxMails(String maxMails) {
    settings().set("maxMails", maxMails);
  }

  /**
   * The period of the rate limit. Default: {@code 1 hour}.
   *
   * @param ratePeriod a duration, e.g. {@code 1 hour}
   */
  public void setRatePeriod(String ratePeriod) {
    settings().set("ratePeriod", ratePeriod);
  }

  /**
   * A problem (same fingerprint) already mailed within this window is counted, not mailed again;
   * its count goes into the next mail, or into one "still happening" mail when the window ends.
   * Default: {@code 1 hour}; {@code 0 seconds} turns deduplication off.
   *
   * @param dedupWindow a duration, e.g. {@code 1 hour}
   */
  public void setDedupWindow(String dedupWindow) {
    settings().set("dedupWindow", dedupWindow);
  }

  /**
   * Events at or above this level trigger an alert. Default: {@code ERROR}. Ignored when an {@code
   * <evaluator>} is set.
   *
   * @param triggerLevel TRACE, DEBUG, INFO, WARN or ERROR
   */
  public void setTriggerLevel(String triggerLevel) {
    settings().set("triggerLevel", triggerLevel);
  }

  /**
   * How many events before the trigger are shown as context. Default: 32; 0 shows none.
   *
   * @param bufferSize 0 to 10000
   */
  public void setBufferSize(String bufferSize) {
    settings().set("bufferSize", bufferSize);
  }

  /**
   * Capacity of the hand-off between application threads and the sender thread. When it is full,
   * further alerts are counted, reported in status and in the next mail, never waited for. Default:
   * 1024.
   *
   * @param queueSize at least 1
   */
  public void setQueueSize(String queueSize) {
    settings().set("queueSize", queueSize);
  }

  /**
   * How long {@code stop()} may take to deliver what is pending. Default: {@code 10 seconds}.
   *
   * @param shutdownTimeout a Logback duration
   */
  public void setShutdownTimeout(String shutdownTimeout) {
    settings().set("shutdownTimeout", shutdownTimeout);
  }

  /**
   * Writes the SMTP dialogue to Logback status, credentials masked. Default: {@code false}.
   *
   * @param transcript {@code true} to see the dialogue, e.g. with {@code <configuration
   *     debug="true">}
   */
  public void setTranscript(String transcript) {
    settings().set("transcript", transcript);
  }

  /**
   * Whether every mail about one problem (same application and fingerprint) joins one conversation
   * in mail clients, across instances and restarts ({@code References}, {@code In-Reply-To}, {@code
   * Thread-Topic}, {@code Thread-Index}). Default: {@code true}; {@code false} for a ticket system
   * that wants one thread per mail.
   *
   * @param threading {@code true} or {@code false}
   */
  public void setThreading(String threading) {
    settings().set("threading", threading);
  }

  /**
   * The {@code List-Id} header, for mail rules that route or mute one service's alerts. Default:
   * {@code APP alerts <app.alerts.FROM-DOMAIN>} from the application's name.
   *
   * @param listId e.g. {@code shop alerts <shop.alerts.example.com>}
   */
  public void setListId(String listId) {
    settings().set("listId", listId);
  }

  /**
   * The package prefixes of the application's own code, a comma list: the mail names the first
   * frame of them as where a problem happened, its subject names their exception when a framework's
   * logger logged it, and the HTML stack trace folds the frames of everything else. Default: the
   * package of the application's main class (Spring Boot's start class in an executable jar); when
   * that cannot be told, every frame outside well-known frameworks and libraries (JDK, Jakarta,
   * Spring, Apache, Netty, Hibernate, Jetty, ...).
   *
   * @param appPackages e.g. {@code com.shop, org.example.billing}
   */
  public void setAppPackages(String appPackages) {
    settings().set("appPackages", appPackages);
  }

  /**
   * The most one mail may take, in Logback's size syntax (from 16 KB to 64 MB). Default: {@code 256
   * KB}. Each part of an alert has its own budget (a message 16,384 characters, 256 frames per
   * exception, 2,048 characters per context event); a mail still larger is made again with less
   * detail (context first, then frames, then long values) until it fits, and says what was cut. A
   * server whose SIZE is smaller gets a mail made to fit it: an alert is never refused for its
   * size.
   *
   * @param maxMailSize e.g. {@code 256 KB}, {@code 1 MB}
   */
  public void setMaxMailSize(String maxMailSize) {
    settings().set("maxMailSize", maxMailSize);
  }

  /**
   * The domain that signs each mail (DKIM {@code d=}, RFC 6376), e.g. {@code shop.example}: best
   * the domain of {@code from}, so that DMARC sees it aligned. With {@code dkimSelector} and {@code
   * dkimKey}; all three or none. Default: none, mail is not signed.
   *
   * @param dkimDomain a DNS name
   */
  public void setDkimDomain(String dkimDomain) {
    settings().set("dkimDomain", dkimDomain);
  }

  /**
   * The selector (DKIM {@code s=}): receivers find the public key in the TXT record {@code
   * selector._domainkey.domain}. Default: none.
   *
   * @param dkimSelector a DNS label, e.g. {@code alerts1}
   */
  public void setDkimSelector(String dkimSelector) {
    settings().set("dkimSelector", dkimSelector);
  }

  /**
   * The signing key: a file with an unencrypted PKCS#8 PEM key, Ed25519 ({@code ed25519-sha256},
   * RFC 8463) or RSA of 2048 bits or more ({@code rsa-sha256}); {@code alertmail dkim-key} makes
   * one and prints the record to publish. Read once at start; its text is never shown. Default:
   * none.
   *
   * @param dkimKey the file's path
   */
  public void setDkimKey(String dkimKey) {
    settings().set("dkimKey", dkimKey);
  }
}
