package dev.alertmail.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much of an alert a mail may show: what one event carries (a 10 MB message, a 2,000-frame
 * trace, a thousand MDC entries) costs at most that event's detail, never its alert, another
 * event's or the mail's delivery. What is cut is said where it was cut ({@code [… 9,983,616
 * characters cut]}, {@code ... 412 frames cut}), so a reader knows the application's log has more.
 *
 * <p>{@link #DEFAULT} is applied when an alert is made (it also bounds the memory flood control
 * holds); the mail stage applies tighter budgets when a mail must shrink to fit a size limit.
 *
 * @param messageChars characters of the triggering event's message (and its template)
 * @param contextEvents context events kept, the latest ones
 * @param contextChars characters of each context event's message
 * @param frames own frames per throwable
 * @param causes throwables of a cause chain
 * @param suppressed suppressed exceptions per throwable
 * @param mdcEntries MDC entries of the trigger
 * @param valueChars characters of any other value: an MDC value, a thread name, an exception's
 *     message (a logger's name is the code's, and part of the fingerprint: never cut)
 */
public record EventBudget(
    int messageChars,
    int contextEvents,
    int contextChars,
    int frames,
    int causes,
    int suppressed,
    int mdcEntries,
    int valueChars) {

  /** Enough for any trace and message a person reads; a few hundred KB at the very most. */
  public static final EventBudget DEFAULT =
      new EventBudget(16_384, Integer.MAX_VALUE, 2_048, 256, 16, 16, 64, 1_024);

  // the shortest cut worth its note
  private static final int MIN_CUT = 16;

  /** Checks that every budget leaves something. */
  public EventBudget {
    if (messageChars < 1
        || contextEvents < 0
        || contextChars < 1
        || frames < 0
        || causes < 1
        || suppressed < 0
        || mdcEntries < 0
        || valueChars < 1) {
      throw new IllegalArgumentException("a budget must be positive: " + this);
    }
  }

  /** {@return the alert within this budget; the same instance when it fits already} */
  public Alert apply(Alert alert) {
    AlertEvent trigger = trigger(alert.trigger());
    List<AlertEvent> context = alert.context();
    int keep = Math.min(context.size(), contextEvents);
    List<AlertEvent> kept = new ArrayList<>(keep);
    boolean changed = keep < context.size();
    for (AlertEvent event : context.subList(context.size() - keep, context.size())) {
      AlertEvent shown = contextEvent(event);
      changed |= shown != event;
      kept.add(shown);
    }
    if (trigger == alert.trigger() && !changed) {
      return alert;
    }
    return new Alert(trigger, kept, alert.subject(), alert.contextCut() + context.size() - keep);
  }

  private AlertEvent trigger(AlertEvent event) {
    String message = cut(event.message(), messageChars);
    String template = cut(event.messageTemplate(), messageChars);
    Map<String, String> mdc = mdc(event.mdc());
    ThrowableInfo throwable = throwable(event.throwable(), 1);
    return same(event, message, template, mdc, throwable)
        ? event
        : new AlertEvent(
            event.timestampMillis(),
            event.level(),
            event.loggerName(),
            template,
            message,
            cut(event.threadName(), valueChars),
            mdc,
            throwable);
  }

  /** A context event shows its message and its exception's first line, nothing deeper. */
  private AlertEvent contextEvent(AlertEvent event) {
    String message = cut(event.message(), contextChars);
    ThrowableInfo throwable = event.throwable();
    ThrowableInfo summary =
        throwable == null
            ? null
            : new ThrowableInfo(
                throwable.className(),
                cut(throwable.message(), valueChars),
                List.of(),
                0,
                null,
                List.of());
    boolean sameThrowable =
        throwable == null
            || throwable.frames().isEmpty()
                && throwable.cause() == null
                && throwable.suppressed().isEmpty()
                && summary.message() == throwable.message();
    return message == event.message()
            && sameThrowable
            && event.mdc().isEmpty()
            && event.threadName().length() <= valueChars
        ? event
        : new AlertEvent(
            event.timestampMillis(),
            event.level(),
            event.loggerName(),
            cut(event.messageTemplate(), contextChars),
            message,
            cut(event.threadName(), valueChars),
            Map.of(),
            sameThrowable ? throwable : summary);
  }

  private boolean same(
      AlertEvent event,
      String message,
      String template,
      Map<String, String> mdc,
      ThrowableInfo throwable) {
    return message == event.message()
        && template == event.messageTemplate()
        && mdc == event.mdc()
        && throwable == event.throwable()
        && event.threadName().length() <= valueChars;
  }

  private Map<String, String> mdc(Map<String, String> mdc) {
    boolean fits = mdc.size() <= mdcEntries;
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      fits &= entry.getKey().length() <= valueChars && entry.getValue().length() <= valueChars;
    }
    if (fits) {
      return mdc;
    }
    Map<String, String> kept = new LinkedHashMap<>();
    // sorted, as the mail shows them, so the entries kept are the ones shown first
    for (Map.Entry<String, String> entry : new java.util.TreeMap<>(mdc).entrySet()) {
      if (kept.size() == mdcEntries) {
        break;
      }
      kept.put(cut(entry.getKey(), valueChars), cut(entry.getValue(), valueChars));
    }
    if (mdc.size() > mdcEntries) {
      kept.put(
          "\u2026", String.format(Locale.ROOT, "%,d more entries cut", mdc.size() - mdcEntries));
    }
    return kept;
  }

  /** The throwable at this depth of its chain (the first is 1) within the budget. */
  private ThrowableInfo throwable(ThrowableInfo t, int depth) {
    if (t == null) {
      return null;
    }
    String message = cut(t.message(), valueChars);
    int frameCount = Math.min(t.frames().size(), frames);
    List<String> keptFrames =
        frameCount == t.frames().size() ? t.frames() : t.frames().subList(0, frameCount);
    int suppressedCount = Math.min(t.suppressed().size(), suppressed);
    List<ThrowableInfo> keptSuppressed = new ArrayList<>(suppressedCount);
    boolean changed = suppressedCount < t.suppressed().size();
    for (ThrowableInfo s : t.suppressed().subList(0, suppressedCount)) {
      // a suppressed exception's own causes count against the same depth
      ThrowableInfo shown = throwable(s, depth + 1);
      changed |= shown != s;
      keptSuppressed.add(shown);
    }
    ThrowableInfo cause = null;
    int causesCut = t.causesCut();
    if (depth < causes) {
      cause = throwable(t.cause(), depth + 1);
    } else if (t.cause() != null) {
      causesCut = chainLength(t.cause()) + t.cause().root().causesCut();
    }
    changed |=
        message != t.message()
            || keptFrames != t.frames()
            || cause != t.cause()
            || causesCut != t.causesCut();
    if (!changed) {
      return t;
    }
    return new ThrowableInfo(
        t.className(),
        message,
        keptFrames,
        t.commonFrames(),
        cause,
        keptSuppressed,
        t.framesCut() + t.frames().size() - frameCount,
        t.suppressedCut() + t.suppressed().size() - suppressedCount,
        causesCut);
  }

  private static int chainLength(ThrowableInfo t) {
    int length = 0;
    for (; t != null; t = t.cause()) {
      length++;
    }
    return length;
  }

  /**
   * {@return the text, or its first {@code max} characters and a note of how many were cut}; a
   * surrogate pair is never split, and a text only a little over the budget is kept whole
   */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max + MIN_CUT) {
      return text;
    }
    int end = max;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end)
        + String.format(Locale.ROOT, " [\u2026 %,d characters cut]", text.length() - end);
  }
}
