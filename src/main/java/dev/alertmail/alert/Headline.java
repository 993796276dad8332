package dev.alertmail.alert;

import java.util.List;

/**
 * The line that names an alert's problem (a mail's subject, an Alertmanager alert's summary). As
 * the subject pattern rendered it, except when a framework logged the application's failure:
 * Tomcat's {@code Servlet.service() for servlet [dispatcherServlet] in context with path [] threw
 * exception [Request processing failed: ...} cuts off before anything useful, so the line names the
 * exception thrown through the application's own code instead, its values shown as "…" so that
 * every mail about the problem has the same subject.
 */
public final class Headline {

  private Headline() {}

  /** {@return the headline of the alert} */
  public static String of(Alert alert, String application, List<String> appPackages) {
    AlertEvent trigger = alert.trigger();
    // only a framework's logger: an application logger outside the inferred packages still
    // says what the application meant to say
    if (trigger.throwable() == null
        || AppCode.isApplicationName(trigger.loggerName(), appPackages)
        || !AppCode.isFramework(trigger.loggerName() + ".")) {
      return alert.subject();
    }
    ThrowableInfo failure = AppCode.inAppMost(trigger.throwable(), appPackages);
    String name = failure.className().substring(failure.className().lastIndexOf('.') + 1);
    String message = failure.message() == null ? "" : MessageShape.readable(failure.message());
    return (application == null || application.isEmpty() ? "" : "[" + application + "] ")
        + trigger.level()
        + " "
        + name
        + (message.isBlank() ? "" : ": " + message);
  }
}
