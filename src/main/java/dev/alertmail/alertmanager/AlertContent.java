package dev.alertmail.alertmanager;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.AppCode;
import dev.alertmail.alert.Conversation;
import dev.alertmail.alert.EventBudget;
import dev.alertmail.alert.Headline;
import dev.alertmail.alert.StackTraceLines;
import dev.alertmail.alert.ThrowableInfo;
import dev.alertmail.text.UntrustedText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an alert says about a problem. Labels are its identity, few and the same for the whole
 * incident and across the fleet (never the message, counts, times, thread or MDC: each would split
 * one problem into many alerts); annotations carry the content, the latest post winning.
 */
final class AlertContent {

  /** Alertmanager copies annotations into every notification: a trace of a few KB is plenty. */
  static final int STACK_TRACE_CHARS = 4_096;

  static final int DESCRIPTION_CHARS = 1_024;
  static final int SUMMARY_CODE_POINTS = 200;

  private final AlertmanagerConfig config;
  private final String service;
  private final String instance;
  private final List<String> appPackages;
  private final String threadDomain;

  AlertContent(
      AlertmanagerConfig config,
      String service,
      String instance,
      List<String> appPackages,
      String threadDomain) {
    this.config = config;
    this.service = service;
    this.instance = instance;
    this.appPackages = appPackages;
    this.threadDomain = threadDomain;
  }

  /**
   * {@code alertname}, {@code service}, {@code fingerprint}, {@code instance}, {@code severity}.
   */
  Map<String, String> labels(Problem problem) {
    if (problem.labels == null) {
      problem.labels = Map.copyOf(makeLabels(problem));
    }
    return problem.labels;
  }

  private Map<String, String> makeLabels(Problem problem) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", AlertmanagerConfig.ALERTNAME);
    put(labels, "service", service);
    labels.put("fingerprint", problem.fingerprint);
    put(labels, "instance", instance);
    labels.put("severity", severity(problem.sample.trigger().level()));
    // the settings add labels or replace defaults (instance=${HOSTNAME}, severity=critical)
    labels.putAll(config.labels());
    return labels;
  }

  /**
   * The annotations; what depends on the sample alone (summary, causes, trace) is made once per
   * incident, since a refresh posts every active problem again and only its counts change.
   */
  Map<String, String> annotations(Problem problem, long dropped) {
    if (problem.fixedAnnotations == null) {
      problem.fixedAnnotations = fixed(problem);
    }
    Map<String, String> annotations = new LinkedHashMap<>(problem.fixedAnnotations);
    annotations.put("count", Long.toString(problem.count));
    annotations.put("first_seen", problem.firstSeen.toString());
    annotations.put("last_seen", problem.lastSeen.toString());
    if (dropped > 0) {
      annotations.put("dropped", Long.toString(dropped));
    }
    return annotations;
  }

  private Map<String, String> fixed(Problem problem) {
    AlertEvent trigger = problem.sample.trigger();
    Map<String, String> annotations = new LinkedHashMap<>();
    String subject =
        UntrustedText.oneLine(
            Headline.of(problem.sample, service, appPackages), SUMMARY_CODE_POINTS);
    put(
        annotations,
        "summary",
        subject.isEmpty()
            ? UntrustedText.oneLine(
                trigger.level() + " " + trigger.loggerName() + ": " + trigger.message(),
                SUMMARY_CODE_POINTS)
            : subject);
    ThrowableInfo throwable = trigger.throwable();
    if (throwable != null) {
      put(annotations, "root_cause", oneLine(throwable.root()));
      put(annotations, "cause", oneLine(throwable));
      put(annotations, "exception", throwable.className());
      put(annotations, "where", AppCode.where(trigger, appPackages));
    }
    put(annotations, "description", body(trigger.message(), DESCRIPTION_CHARS));
    put(annotations, "logger", trigger.loggerName());
    if (throwable != null) {
      put(annotations, "stack_trace", body(StackTraceLines.text(throwable), STACK_TRACE_CHARS));
    }
    // the same conversation as AlertMail's own mail about the problem: the example template
    // writes it into References and In-Reply-To
    annotations.put(
        "thread_root",
        Conversation.root(service == null ? "" : service, problem.fingerprint, threadDomain));
    return annotations;
  }

  /** {@return the link back to the logs, or null without a pattern} */
  String generatorUrl(Problem problem) {
    return generatorUrl(config.generatorUrl(), problem.fingerprint, service, instance);
  }

  /** The pattern with {@code {fingerprint}}, {@code {service}} and {@code {instance}} filled in. */
  static String generatorUrl(String pattern, String fingerprint, String service, String instance) {
    if (pattern == null) {
      return null;
    }
    return pattern
        .replace("{fingerprint}", encode(fingerprint))
        .replace("{service}", encode(service))
        .replace("{instance}", encode(instance));
  }

  /** ERROR is {@code error}, WARN {@code warning}, FATAL {@code critical}, as rules expect. */
  static String severity(String level) {
    return switch (level.toUpperCase(Locale.ROOT)) {
      case "FATAL" -> "critical";
      case "WARN", "WARNING" -> "warning";
      default -> level.toLowerCase(Locale.ROOT);
    };
  }

  /** A time as an annotation: RFC 3339, as Alertmanager writes its own. */
  static String time(Instant instant) {
    return instant.toString();
  }

  private static String oneLine(ThrowableInfo t) {
    String name = t.className().substring(t.className().lastIndexOf('.') + 1);
    String message = t.message() == null ? "" : t.message();
    return UntrustedText.oneLine(message.isEmpty() ? name : name + ": " + message, 300);
  }

  /** Text of several lines from the application: cut to a budget, control characters escaped. */
  private static String body(String text, int max) {
    return UntrustedText.visibleBody(EventBudget.cut(text, max));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static void put(Map<String, String> into, String name, String value) {
    if (value != null && !value.isEmpty()) {
      into.put(name, value);
    }
  }
}
