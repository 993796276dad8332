package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one event carries costs at most its own detail, and the cut says how much it took. */
class EventBudgetTest {

  private static final EventBudget SMALL = new EventBudget(100, 2, 50, 3, 2, 1, 2, 40);

  private static List<String> frames(int count) {
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add("com.shop.Deep.level" + i + "(Deep.java:" + (10 + i) + ")");
    }
    return frames;
  }

  private static ThrowableInfo chain(int length) {
    ThrowableInfo cause = null;
    for (int i = length; i >= 1; i--) {
      cause =
          new ThrowableInfo(
              "com.shop.Failure" + i, "failure " + i, frames(10), 0, cause, List.of());
    }
    return cause;
  }

  private static Alert alert(String message, ThrowableInfo throwable, int contextEvents) {
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("a", "1");
    mdc.put("b", "x".repeat(500));
    mdc.put("c", "3");
    List<AlertEvent> context = new ArrayList<>();
    for (int i = 0; i < contextEvents; i++) {
      context.add(
          new AlertEvent(
              i,
              "INFO",
              "com.shop.Log",
              "step {}",
              "step " + i + "y".repeat(200),
              "main",
              Map.of(),
              new ThrowableInfo("com.shop.Retry", "retrying", List.of(), 0, null, List.of())));
    }
    return new Alert(
        new AlertEvent(1_000, "ERROR", "com.shop.Log", message, message, "main", mdc, throwable),
        context,
        "subject");
  }

  @Test
  void anAlertWithinItsBudgetIsTheSameInstance() {
    Alert alert = alert("short", chain(3), 4);
    assertSame(alert, EventBudget.DEFAULT.apply(alert));
  }

  @Test
  void eachPartIsCutToItsBudgetAndSaysHowMuchWasCut() {
    ThrowableInfo top = chain(5);
    ThrowableInfo withSuppressed =
        new ThrowableInfo(
            top.className(),
            "z".repeat(300),
            top.frames(),
            0,
            top.cause(),
            List.of(chain(1), chain(1), chain(1)));
    Alert cut = SMALL.apply(alert("m".repeat(1_000), withSuppressed, 5));

    AlertEvent trigger = cut.trigger();
    assertEquals("m".repeat(100) + " [\u2026 900 characters cut]", trigger.message());
    ThrowableInfo t = trigger.throwable();
    assertEquals("z".repeat(40) + " [\u2026 260 characters cut]", t.message());
    assertEquals(3, t.frames().size());
    assertEquals(7, t.framesCut());
    assertEquals(1, t.suppressed().size());
    assertEquals(2, t.suppressedCut());
    assertEquals("com.shop.Failure2", t.cause().className());
    assertEquals("com.shop.Failure5", t.cause().cause().className(), "the root cause is kept");
    assertEquals(2, t.cause().causesCut(), "the middle of the chain is cut");
    assertEquals(2, cut.context().size(), "the latest context events are kept");
    assertEquals(3, cut.contextCut());
    assertEquals(4, cut.context().get(1).timestampMillis());
    assertTrue(cut.context().get(1).message().endsWith("characters cut]"));
    assertEquals("retrying", cut.context().get(0).throwable().message());
    assertEquals(3, trigger.mdc().size(), "two entries and a note");
    assertEquals("1 more entry cut", trigger.mdc().get("\u2026"));
  }

  @Test
  void theDefaultBudgetKeepsTheFingerprint() {
    ThrowableInfo deep =
        new ThrowableInfo("com.shop.Failure", "deep", frames(2_000), 0, chain(40), List.of());
    Alert alert = alert("t".repeat(100_000), deep, 0);
    Alert cut = EventBudget.DEFAULT.apply(alert);

    assertTrue(cut.trigger().message().length() < 17_000);
    assertEquals(Fingerprint.of(alert.trigger()), Fingerprint.of(cut.trigger()));
  }

  @Test
  void aTighterBudgetSaysHowMuchWasCutInAll() {
    Alert once = EventBudget.DEFAULT.apply(alert("m".repeat(10_000_000), null, 0));
    Alert twice = SMALL.apply(once);

    assertEquals("m".repeat(100) + " [\u2026 9,999,900 characters cut]", twice.trigger().message());
    Map<String, String> mdc = new LinkedHashMap<>();
    for (int i = 0; i < 1_000; i++) {
      mdc.put("key" + (1_000 + i), "v");
    }
    var event = new AlertEvent(1, "ERROR", "l", "m", "m", "t", mdc, null);
    Alert manyKeys = EventBudget.DEFAULT.apply(new Alert(event, List.of(), "s"));
    assertEquals("936 more entries cut", manyKeys.trigger().mdc().get("\u2026"));
    assertEquals("998 more entries cut", SMALL.apply(manyKeys).trigger().mdc().get("\u2026"));
  }

  @Test
  void theRootCauseOfALongChainIsAlwaysKept() {
    Alert cut = SMALL.apply(alert("m", chain(20), 0));
    ThrowableInfo t = cut.trigger().throwable();

    assertEquals("com.shop.Failure1", t.className());
    assertEquals("com.shop.Failure2", t.cause().className());
    assertEquals("com.shop.Failure20", t.root().className());
    assertEquals(17, t.cause().causesCut());
    String text = StackTraceLines.text(t);
    assertTrue(
        text.contains("... 17 causes cut to fit the mail\nCaused by: com.shop.Failure20"), text);
  }

  @Test
  void aWideTreeOfSuppressedExceptionsStaysBounded() {
    List<ThrowableInfo> wide = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      List<ThrowableInfo> inner = new ArrayList<>();
      for (int j = 0; j < 16; j++) {
        inner.add(chain(1));
      }
      wide.add(new ThrowableInfo("com.shop.S" + i, "s", frames(1), 0, null, inner));
    }
    ThrowableInfo top = new ThrowableInfo("com.shop.Top", "t", frames(1), 0, null, wide);
    ThrowableInfo cut = EventBudget.DEFAULT.apply(alert("m", top, 0)).trigger().throwable();

    assertTrue(count(cut) <= 64, count(cut) + " throwables");
  }

  private static int count(ThrowableInfo t) {
    int n = 1;
    for (ThrowableInfo s : t.suppressed()) {
      n += count(s);
    }
    return n + (t.cause() == null ? 0 : count(t.cause()));
  }

  @Test
  void aCutNeverSplitsACharacterOfTwoChars() {
    String emoji = "\uD83D\uDE00".repeat(100); // 200 chars
    String cut = EventBudget.cut(emoji, 51);
    assertTrue(cut.startsWith("\uD83D\uDE00".repeat(25) + " ["), cut);
  }
}
