package dev.alertmail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.boolex.EvaluationException;
import ch.qos.logback.core.boolex.EventEvaluator;
import ch.qos.logback.core.util.Duration;
import dev.alertmail.delivery.AlertSender;
import dev.alertmail.delivery.SenderConfig;
import dev.alertmail.delivery.StatusSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Logback appender that mails ERROR events, with the events that preceded them, through its own
 * SMTP client.
 *
 * <p>Minimal configuration:
 *
 * <pre>{@code
 * <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
 *   <smtpHost>smtp.example.com</smtpHost>
 *   <from>alerts@example.com</from>
 *   <to>ops@example.com</to>
 * </appender>
 * }</pre>
 *
 * <p>Logging threads never wait: they record the event in a lock-free context ring and, on a
 * trigger, hand a snapshot to the appender's own sender thread through a bounded queue. Every
 * problem, from a wrong property to an unreachable server, is reported through Logback's status
 * manager (see {@code <statusListener>} or {@code debug="true"}), never thrown at the application
 * and never logged through the logger tree this appender is attached to.
 */
public class AlertMailAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  private final AppenderSettings settings = new AppenderSettings();
  private EventEvaluator<ILoggingEvent> evaluator;
  private final AtomicInteger evaluatorErrors = new AtomicInteger();

  private Level triggerLevel;
  private PatternLayout subjectLayout;
  private ContextRing ring;
  private AlertSender sender;
  private Thread exitHook;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final StderrFallback stderr = new StderrFallback();

  // ---------------------------------------------------------------- where mail goes

  /**
   * The relay mail is sent through, or a comma list of relays tried in order ({@code host[:port]}
   * each, the port defaulting to {@code smtpPort}). Default: none, which means MX routing: each
   * recipient domain's mail exchangers are looked up in DNS and mail goes to them directly.
   *
   * @param smtpHost e.g. {@code smtp.example.com} or {@code relay1.example.com, relay2:2525}
   */
  public void setSmtpHost(String smtpHost) {
    settings.smtpHost = smtpHost;
  }

  /**
   * The SMTP port of relays written without one, and of MX hosts. Default: 25, or 465 when {@code
   * tls} is {@code IMPLICIT}.
   *
   * @param smtpPort 1 to 65535; 587 is the usual submission port
   */
  public void setSmtpPort(int smtpPort) {
    settings.smtpPort = smtpPort;
  }

  /**
   * How the connection is protected: {@code NONE}, {@code OPPORTUNISTIC} (STARTTLS when the server
   * offers it), {@code STARTTLS} (required) or {@code IMPLICIT} (TLS from the first byte). Default:
   * {@code OPPORTUNISTIC}. Credentials are sent in clear text only with {@code NONE}.
   *
   * @param tls one of the names above, case-insensitive
   */
  public void setTls(String tls) {
    settings.tls = tls;
  }

  /**
   * A trust store (PKCS12 or JKS) that replaces the JVM's for TLS connections, for a relay whose
   * certificate comes from a private CA. Default: none, the JVM's trust store. Host names are
   * verified either way.
   *
   * @param trustStore the path of the store, e.g. {@code /etc/alertmail/ca.p12}
   */
  public void setTrustStore(String trustStore) {
    settings.trustStore = trustStore;
  }

  /**
   * The password of {@code trustStore}. Default: none (a store without integrity password).
   *
   * @param trustStorePassword the password; never shown in status
   */
  public void setTrustStorePassword(String trustStorePassword) {
    settings.trustStorePassword = trustStorePassword;
  }

  /**
   * The DNS server asked for MX and address records when {@code smtpHost} is not set. Default: the
   * system's resolvers.
   *
   * @param dnsServer {@code host[:port]}, e.g. {@code 10.0.0.2} or {@code 127.0.0.1:5353}
   */
  public void setDnsServer(String dnsServer) {
    settings.dnsServer = dnsServer;
  }

  /**
   * The user name for SMTP AUTH. Default: none, no AUTH. Usually {@code ${SMTP_USER}}.
   *
   * @param username the user name; requires {@code password}
   */
  public void setUsername(String username) {
    settings.username = username;
  }

  /**
   * The password for SMTP AUTH. Default: none. Never shown in status or transcripts; usually {@code
   * ${SMTP_PASSWORD}}.
   *
   * @param password the password; requires {@code username}
   */
  public void setPassword(String password) {
    settings.password = password;
  }

  /**
   * Forces an AUTH mechanism: {@code LOGIN} or {@code PLAIN}. Default: the best the server offers
   * (PLAIN, then LOGIN).
   *
   * @param authMechanism {@code LOGIN} or {@code PLAIN}
   */
  public void setAuthMechanism(String authMechanism) {
    settings.authMechanism = authMechanism;
  }

  /**
   * The name this client announces in EHLO. Default: this machine's fully qualified host name, or
   * its address literal such as {@code [10.0.0.5]}, found once on the sender thread.
   *
   * @param localhost a host name, e.g. {@code app1.example.com}
   */
  public void setLocalhost(String localhost) {
    settings.localhost = localhost;
  }

  /**
   * Bound on establishing a connection. Default: {@code 10 seconds}.
   *
   * @param connectTimeout a Logback duration, e.g. {@code 10 seconds}
   */
  public void setConnectTimeout(Duration connectTimeout) {
    settings.connectTimeout = connectTimeout;
  }

  /**
   * Bound on each whole reply of the server and each write to it, however the server paces its
   * bytes; a session with one server is bounded by 2 x {@code connectTimeout} + 3 x {@code
   * readTimeout}. Default: {@code 60 seconds}.
   *
   * @param readTimeout a Logback duration, e.g. {@code 60 seconds}
   */
  public void setReadTimeout(Duration readTimeout) {
    settings.readTimeout = readTimeout;
  }

  // ---------------------------------------------------------------- the mail

  /**
   * The sender address. Required.
   *
   * @param from an address of the form {@code local@domain}
   */
  public void setFrom(String from) {
    settings.from = from;
  }

  /**
   * Adds primary recipients. At least one is required. Repeatable, and a comma list also works.
   *
   * @param to one address or a comma-separated list
   */
  public void addTo(String to) {
    settings.to.add(to);
  }

  /**
   * Adds copy recipients. Default: none. Repeatable, and a comma list also works.
   *
   * @param cc one address or a comma-separated list
   */
  public void addCc(String cc) {
    settings.cc.add(cc);
  }

  /**
   * Adds blind copy recipients: they receive the mail and never appear in any header. Default:
   * none. Repeatable, and a comma list also works.
   *
   * @param bcc one address or a comma-separated list
   */
  public void addBcc(String bcc) {
    settings.bcc.add(bcc);
  }

  /**
   * The subject: a Logback {@code PatternLayout} pattern applied to the triggering event. Default:
   * {@code [%contextName] %level %logger{20}: %message}. Line breaks and control characters are
   * removed, non-ASCII is encoded, and a very long subject is cut.
   *
   * @param subject a pattern
   */
  public void setSubject(String subject) {
    settings.subject = subject;
  }

  /**
   * The body format: {@code HTML}, {@code TEXT} or {@code BOTH} (multipart/alternative). Default:
   * {@code BOTH}.
   *
   * @param format one of the names above, case-insensitive
   */
  public void setFormat(String format) {
    settings.format = format;
  }

  // ---------------------------------------------------------------- flood control

  /**
   * How long a group stays open after its first trigger: what triggers meanwhile goes into the same
   * mail. Default: {@code 10 seconds}. {@code 0 seconds} mails each trigger as soon as the rate
   * limit allows.
   *
   * @param groupWait a Logback duration, e.g. {@code 10 seconds}
   */
  public void setGroupWait(Duration groupWait) {
    settings.groupWait = groupWait;
  }

  /**
   * The rate limit: at most this many mails per {@code ratePeriod}; what triggers while the limit
   * is spent is counted into the next mail. Default: {@code 12}.
   *
   * @param maxMails at least 1
   */
  public void setMaxMails(int maxMails) {
    settings.maxMails = maxMails;
  }

  /**
   * The period of the rate limit. Default: {@code 1 hour}.
   *
   * @param ratePeriod a Logback duration, e.g. {@code 1 hour}
   */
  public void setRatePeriod(Duration ratePeriod) {
    settings.ratePeriod = ratePeriod;
  }

  /**
   * A problem (same fingerprint) already mailed within this window is counted, not mailed again;
   * its count goes into the next mail, or into one "still happening" mail when the window ends.
   * Default: {@code 1 hour}; {@code 0 seconds} turns deduplication off.
   *
   * @param dedupWindow a Logback duration, e.g. {@code 1 hour}
   */
  public void setDedupWindow(Duration dedupWindow) {
    settings.dedupWindow = dedupWindow;
  }

  // ---------------------------------------------------------------- what makes an alert

  /**
   * Events at or above this level trigger an alert. Default: {@code ERROR}. Ignored when an {@code
   * <evaluator>} is set.
   *
   * @param triggerLevel TRACE, DEBUG, INFO, WARN or ERROR
   */
  public void setTriggerLevel(String triggerLevel) {
    settings.triggerLevel = triggerLevel;
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
   * How many events before the trigger are shown as context. Default: 32; 0 shows none.
   *
   * @param bufferSize 0 to 10000
   */
  public void setBufferSize(int bufferSize) {
    settings.bufferSize = bufferSize;
  }

  // ---------------------------------------------------------------- hand-off and life cycle

  /**
   * Capacity of the hand-off between application threads and the sender thread. When it is full,
   * further alerts are counted, reported in status and in the next mail, never waited for. Default:
   * 1024.
   *
   * @param queueSize at least 1
   */
  public void setQueueSize(int queueSize) {
    settings.queueSize = queueSize;
  }

  /**
   * How long {@code stop()} may take to deliver what is pending. Default: {@code 10 seconds}.
   *
   * @param shutdownTimeout a Logback duration
   */
  public void setShutdownTimeout(Duration shutdownTimeout) {
    settings.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Writes the SMTP dialogue to Logback status, credentials masked. Default: {@code false}.
   *
   * @param transcript {@code true} to see the dialogue, e.g. with {@code <configuration
   *     debug="true">}
   */
  public void setTranscript(boolean transcript) {
    settings.transcript = transcript;
  }

  // ---------------------------------------------------------------- life cycle

  /** Validates every property; on any problem reports each through status and stays stopped. */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    String application = getContext() == null ? "" : getContext().getName();
    SenderConfig config = settings.validate(getName(), application, problems);
    PatternLayout layout = config == null ? null : subjectLayout(problems);
    if (evaluator != null && settings.triggerLevel != null) {
      addWarn("<triggerLevel> is ignored because an <evaluator> is set; remove one of them.");
    }
    if (!problems.isEmpty()) {
      for (String problem : problems) {
        addError("Appender [" + getName() + "]: " + problem);
      }
      addError("Appender [" + getName() + "] not started: fix the problems above.");
      return;
    }
    triggerLevel = settings.parsedTriggerLevel();
    subjectLayout = layout;
    ring = new ContextRing(settings.bufferSize);
    if (config.relays().isEmpty() && config.username() != null) {
      addWarn(
          "<username> is set but <smtpHost> is not: with MX routing each recipient domain's"
              + " servers are asked, and they do not take your credentials. Set <smtpHost> to"
              + " your provider's submission server.");
    }
    sender = new AlertSender(config, new Status());
    sender.start();
    stopping.set(false);
    super.start();
    exitHook = registerExitHook();
    addInfo(
        "Appender ["
            + getName()
            + "] mails alerts from "
            + config.from()
            + " via "
            + (config.relays().isEmpty()
                ? "MX routing to each recipient domain (port " + config.smtpPort() + ")"
                : config.route())
            + ", tls "
            + config.tls());
  }

  private PatternLayout subjectLayout(List<String> problems) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(getContext());
    layout.setPattern(settings.subject);
    // subjects are one line; a %ex in the pattern must not pull a stack trace into the header
    layout.setPostCompileProcessor(null);
    layout.start();
    if (!layout.isStarted()) {
      problems.add(
          "<subject> '"
              + settings.subject
              + "' is not a valid pattern: see the Logback status above, or leave <subject> out.");
      return null;
    }
    return layout;
  }

  /**
   * Delivers what is pending within {@code shutdownTimeout}, then returns. When the JVM exits
   * without stopping Logback (no {@code <shutdownHook/>}), the appender's own exit hook mails what
   * is pending at once instead (see {@link #flushAtExit()}), so an application that logs an ERROR
   * and exits within {@code groupWait} still sends it.
   */
  @Override
  public void stop() {
    // Logback's shutdown hook and ours may call this at the same time: one of them does the work
    if (!isStarted() || !stopping.compareAndSet(false, true)) {
      return;
    }
    super.stop();
    unregisterExitHook();
    sender.stop(java.time.Duration.ofMillis(settings.shutdownTimeout.getMilliseconds()));
    subjectLayout.stop();
  }

  private Thread registerExitHook() {
    Thread hook = new Thread(this::flushAtExit, "alertmail-exit[" + getName() + "]");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return hook;
    } catch (IllegalStateException | SecurityException e) {
      return null; // the JVM is already exiting: whoever started us now will stop us
    }
  }

  /**
   * Runs in the JVM's shutdown, beside the other hooks: mails what is pending at once and keeps the
   * appender running, since another hook (Spring closing its context) may still log an ERROR before
   * it stops Logback, whose stop() then drains the rest.
   */
  private void flushAtExit() {
    if (isStarted() && !stopping.get()) {
      sender.flushForExit(java.time.Duration.ofMillis(settings.shutdownTimeout.getMilliseconds()));
    }
  }

  private void unregisterExitHook() {
    Thread hook = exitHook;
    exitHook = null;
    if (hook == null || Thread.currentThread() == hook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is exiting and our hook may be running too; the stopping flag keeps it idle
    }
  }

  /** Runs on the application thread: records the event and, on a trigger, hands off a snapshot. */
  @Override
  protected void append(ILoggingEvent event) {
    if (sender.isSenderThread(Thread.currentThread())) {
      return; // whatever our own thread logs (JDK or library code) must not feed back into a mail
    }
    boolean trigger = isTrigger(event);
    if (trigger) {
      event.prepareForDeferredProcessing();
    } else {
      DeferredEvents.prepareContextEvent(event);
    }
    long sequence = ring.add(event);
    if (trigger) {
      // the snapshot is taken only if the hand-off has room; converting it is the sender's work
      PatternLayout layout = subjectLayout;
      sender.offer(() -> new LogbackAlert(event, ring.takeBefore(sequence), layout));
    }
  }

  private boolean isTrigger(ILoggingEvent event) {
    if (evaluator == null) {
      return event.getLevel().isGreaterOrEqual(triggerLevel);
    }
    try {
      return evaluator.evaluate(event);
    } catch (EvaluationException | RuntimeException e) {
      if (evaluatorErrors.incrementAndGet() <= 4) {
        addError(
            "Appender ["
                + getName()
                + "]: evaluator "
                + evaluator.getName()
                + " failed; event not treated as a trigger.",
            e);
      }
      return false;
    }
  }

  /** Reports the sender's news through this appender's Logback status. */
  private final class Status implements StatusSink {
    @Override
    public void info(String message) {
      addInfo(message);
    }

    @Override
    public void warn(String message) {
      addWarn(message);
    }

    @Override
    public void error(String message, Throwable cause) {
      addError(message, cause);
      if (!hasStatusListener()) {
        stderr.print("AlertMail [" + getName() + "]: " + message);
      }
    }

    private boolean hasStatusListener() {
      return getContext() != null
          && !getContext().getStatusManager().getCopyOfStatusListenerList().isEmpty();
    }
  }
}
