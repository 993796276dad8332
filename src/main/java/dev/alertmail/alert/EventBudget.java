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

  /** Enough for any trace and message a person reads; the context is bounded by bufferSize. */
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
    ThrowableInfo throwable = throwable(event.throwable(), 1, new int[] {MAX_THROWABLES});
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
            && event.threadName().length() <= valueChars + MIN_CUT
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
        && event.threadName().length() <= valueChars + MIN_CUT;
  }

  private Map<String, String> mdc(Map<String, String> mdc) {
    // an MDC cut before says how many entries it lost; a tighter budget adds to that
    long earlier = earlierEntriesCut(mdc.get(MDC_CUT_KEY));
    int entries = mdc.size() - (earlier >= 0 ? 1 : 0);
    boolean fits = entries <= mdcEntries;
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      fits &=
          entry.getKey().length() <= valueChars + MIN_CUT
              && entry.getValue().length() <= valueChars + MIN_CUT;
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
      if (!(earlier >= 0 && entry.getKey().equals(MDC_CUT_KEY))) {
        kept.put(cut(entry.getKey(), valueChars), cut(entry.getValue(), valueChars));
      }
    }
    long cut = Math.max(0, entries - mdcEntries) + Math.max(0, earlier);
    if (cut > 0) {
      kept.put(
          MDC_CUT_KEY,
          String.format(Locale.ROOT, "%,d more %s cut", cut, cut == 1 ? "entry" : "entries"));
    }
    return kept;
  }

  private static final String MDC_CUT_KEY = "\u2026";

  /** {@return the entries a note such as "12 more entries cut" counts, or -1 for no note} */
  private static long earlierEntriesCut(String note) {
    if (note == null || !note.endsWith(" cut")) {
      return -1;
    }
    String digits = note.substring(0, Math.max(0, note.indexOf(' '))).replace(",", "");
    return !digits.isEmpty() && digits.length() < 19 && digits.chars().allMatch(Character::isDigit)
        ? Long.parseLong(digits)
        : -1;
  }

  /** Throwables of one event, its causes and suppressed ones and theirs, in all. */
  static final int MAX_THROWABLES = 64;

  /**
   * The throwable at this depth of its chain (the first is 1) within the budget; {@code left}
   * counts down the throwables the event may still show, so a tree of suppressed exceptions stays
   * bounded in breadth too. The root cause is always kept: what is cut is the middle of the chain.
   */
  private ThrowableInfo throwable(ThrowableInfo t, int depth, int[] left) {
    if (t == null) {
      return null;
    }
    left[0]--;
    String message = cut(t.message(), valueChars);
    int frameCount = Math.min(t.frames().size(), frames);
    List<String> keptFrames =
        frameCount == t.frames().size() ? t.frames() : t.frames().subList(0, frameCount);
    ThrowableInfo cause;
    int causesCut = t.causesCut();
    if (t.cause() == null) {
      cause = null;
    } else if (depth < causes || t.cause().cause() == null) {
      cause = throwable(t.cause(), depth + 1, left);
    } else {
      // the middle of a long chain goes; the root cause, the reason for it all, stays
      ThrowableInfo root = t.cause().root();
      causesCut += chainLength(t.cause()) - 1;
      cause = throwable(root, depth + 1, left);
    }
    // suppressed exceptions share what is left after the chain, which matters more
    List<ThrowableInfo> keptSuppressed = new ArrayList<>();
    boolean changed = false;
    for (ThrowableInfo s : t.suppressed()) {
      if (keptSuppressed.size() == suppressed || left[0] <= 0) {
        changed = true;
        break;
      }
      // a suppressed exception's own causes count against the same depth
      ThrowableInfo shown = throwable(s, depth + 1, left);
      changed |= shown != s;
      keptSuppressed.add(shown);
    }
    int suppressedCount = keptSuppressed.size();
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
    // a text cut before (a tighter budget cuts again) says how much was cut in all
    long earlier = 0;
    String body = text;
    int mark = text.lastIndexOf(CUT_MARK);
    if (mark >= 0 && text.endsWith(CUT_END)) {
      String digits =
          text.substring(mark + CUT_MARK.length(), text.length() - CUT_END.length())
              .replace(",", "");
      if (!digits.isEmpty()
          && digits.length() < 19
          && digits.chars().allMatch(Character::isDigit)) {
        earlier = Long.parseLong(digits);
        body = text.substring(0, mark);
      }
    }
    int end = Math.min(max, body.length());
    if (end > 0 && Character.isHighSurrogate(body.charAt(end - 1))) {
      end--;
    }
    return body.substring(0, end)
        + CUT_MARK
        + String.format(Locale.ROOT, "%,d", body.length() - end + earlier)
        + CUT_END;
  }

  private static final String CUT_MARK = " [\u2026 ";
  private static final String CUT_END = " characters cut]";
}
