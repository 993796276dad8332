package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindAdmissionTest {

  private static final String LOGGER = "com.shop.db.ShardRouter";
  private static final String TEMPLATE = "timeout on shard {}";

  private static Map<String, Long> drain(KindAdmission admission) {
    Map<String, Long> counts = new HashMap<>();
    admission.drain((fingerprint, count, last) -> counts.merge(fingerprint, count, Long::sum));
    return counts;
  }

  /** The sender took an alert of the kind in this slot, whose fingerprint is the given one. */
  private static void learn(KindAdmission admission, int slot, String fingerprint) {
    AlertSource alert =
        new AlertSource() {
          @Override
          public Alert toAlert() {
            throw new AssertionError("not needed to learn a fingerprint");
          }

          @Override
          public String fingerprint() {
            return fingerprint;
          }
        };
    AlertSource admitted = admission.admitted(alert, slot, LOGGER, TEMPLATE);
    admission.taken(admitted);
    admission.learn(admitted);
  }

  @Test
  void anOverflowCountedBeforeTheProblemIsKnownJoinsItOnceTheSenderLearnsIt() {
    KindAdmission admission = new KindAdmission();
    int slot = admission.slot(LOGGER, TEMPLATE);
    assertTrue(admission.admit(slot, 1L));
    AlertSource onTheWay =
        admission.admitted(
            new AlertSource() {
              @Override
              public Alert toAlert() {
                throw new AssertionError("not needed");
              }

              @Override
              public String fingerprint() {
                return "fp-db";
              }
            },
            slot,
            LOGGER,
            TEMPLATE);
    assertTrue(admission.countOverflow(slot, LOGGER, TEMPLATE, 2L), "the hand-off was full");
    assertTrue(admission.countOverflow(slot, LOGGER, TEMPLATE, 3L));
    List<String> unplaced = new ArrayList<>();
    KindAdmission.Counts counts =
        new KindAdmission.Counts() {
          @Override
          public void add(String fingerprint, long count, long lastMillis) {
            unplaced.add("added " + fingerprint + " " + count + " at " + lastMillis);
          }

          @Override
          public void unplaced(String logger, String template, long count) {
            unplaced.add("unplaced " + template + " " + count);
          }
        };
    admission.drain(counts);
    assertEquals(List.of(), unplaced, "kept while an alert of the kind is on the way");

    admission.taken(onTheWay);
    admission.learn(onTheWay);
    admission.drain(counts);

    assertEquals(List.of("added fp-db 2 at 3"), unplaced);
  }

  @Test
  void anOverflowOfAKindNoneOfWhoseAlertsReachedTheSenderIsGivenBackAsOverflow() {
    KindAdmission admission = new KindAdmission();
    int slot = admission.slot(LOGGER, TEMPLATE);
    assertTrue(admission.admit(slot, 1L)); // admitted, but the hand-off was full: never made
    assertTrue(admission.countOverflow(slot, LOGGER, TEMPLATE, 1L));
    List<String> unplaced = new ArrayList<>();
    admission.drain(
        new KindAdmission.Counts() {
          @Override
          public void add(String fingerprint, long count, long lastMillis) {
            unplaced.add("added " + fingerprint);
          }

          @Override
          public void unplaced(String logger, String template, long count) {
            unplaced.add(logger + " " + template + " " + count);
          }
        });

    assertEquals(List.of(LOGGER + " " + TEMPLATE + " 1"), unplaced);
    assertEquals(0, admission.undrained());
  }

  @Test
  void handsOffWholeUntilTheSenderKnowsTheProblemAndTheSecondsShareIsTaken() {
    KindAdmission admission = new KindAdmission();
    int slot = admission.slot(LOGGER, TEMPLATE);
    for (int i = 0; i < KindAdmission.PER_SECOND + 10; i++) {
      assertTrue(admission.admit(slot, 1L), "no fingerprint learned yet: alert " + i);
    }
    learn(admission, slot, "fp-db");

    assertFalse(admission.admit(slot, 1L), "the second's share is taken and the problem is known");
    assertFalse(admission.admit(slot, 1L));
    assertEquals(Map.of("fp-db", 2L), drain(admission));
    assertEquals(Map.of(), drain(admission), "a drain hands over each count once");
  }

  @Test
  void aNewSecondHandsOffWholeAgain() {
    KindAdmission admission = new KindAdmission();
    int slot = admission.slot(LOGGER, TEMPLATE);
    learn(admission, slot, "fp-db");
    for (int i = 0; i < KindAdmission.PER_SECOND; i++) {
      assertTrue(admission.admit(slot, 1L));
    }
    assertFalse(admission.admit(slot, 1L));

    admission.newSecond();

    assertTrue(
        admission.admit(slot, 1L), "the first alerts of the next second are handed off whole");
    assertEquals(Map.of("fp-db", 1L), drain(admission), "what was counted before stays counted");
  }

  @Test
  void aQuietKindGivesItsSlotBack() {
    KindAdmission admission = new KindAdmission();
    int slot = admission.slot(LOGGER, TEMPLATE);
    learn(admission, slot, "fp-db");
    admission.newSecond(); // a second without any alert of it
    String other = collidingTemplate(slot);

    assertEquals(slot, admission.slot(LOGGER, other), "another kind takes the freed slot");
  }

  @Test
  void aKindWhoseSlotIsTakenIsAlwaysHandedOffWhole() {
    KindAdmission admission = new KindAdmission();
    int slot = admission.slot(LOGGER, TEMPLATE);
    learn(admission, slot, "fp-db");
    String other = collidingTemplate(slot);

    int otherSlot = admission.slot(LOGGER, other);

    assertEquals(-1, otherSlot);
    for (int i = 0; i < 3 * KindAdmission.PER_SECOND; i++) {
      assertTrue(admission.admit(otherSlot, 1L));
    }
  }

  @Test
  void aKindThatTurnsOutToBeTwoProblemsIsHandedOffWholeFromThenOn() {
    KindAdmission admission = new KindAdmission();
    int slot = admission.slot(LOGGER, TEMPLATE);
    learn(admission, slot, "fp-timeout");
    for (int i = 0; i < KindAdmission.PER_SECOND; i++) {
      admission.admit(slot, 1L);
    }
    assertFalse(admission.admit(slot, 1L), "counted while the kind was one problem");

    learn(admission, slot, "fp-npe"); // same logger and message, another exception

    for (int i = 0; i < 3 * KindAdmission.PER_SECOND; i++) {
      assertTrue(admission.admit(slot, 1L));
    }
    assertEquals(Map.of("fp-timeout", 1L), drain(admission), "what was counted keeps its problem");
  }

  /**
   * A slot stays its kind's while one of its alerts is on the way to the sender: what it teaches
   * and what was counted meanwhile belong to that kind, never to the slot's next owner.
   */
  @Test
  void aSlotStaysItsKindsWhileAnAlertOfTheKindIsOnTheWay() {
    KindAdmission admission = new KindAdmission();
    int slot = admission.slot(LOGGER, TEMPLATE);
    AlertSource late =
        admission.admitted(
            new AlertSource() {
              @Override
              public Alert toAlert() {
                throw new AssertionError();
              }

              @Override
              public String fingerprint() {
                return "fp-db";
              }
            },
            slot,
            LOGGER,
            TEMPLATE);
    String other = collidingTemplate(slot);
    admission.newSecond(); // quiet for a second, but an alert is on the way
    assertEquals(-1, admission.slot(LOGGER, other));

    admission.taken(late);
    admission.learn(late);
    admission.newSecond(); // now quiet and settled: freed
    assertEquals(slot, admission.slot(LOGGER, other));
    for (int i = 0; i < 2 * KindAdmission.PER_SECOND; i++) {
      assertTrue(admission.admit(slot, 1L), "the new owner's fingerprint is not known yet");
    }
  }

  @Test
  void noKindNoSlot() {
    KindAdmission admission = new KindAdmission();
    assertEquals(-1, admission.slot(null, TEMPLATE));
    assertTrue(admission.admit(-1, 1L));
  }

  /** Another template that falls into the same slot, by search: the table is small. */
  private static String collidingTemplate(int slot) {
    for (int i = 0; ; i++) {
      String candidate = "other problem " + i;
      int at = (31 * LOGGER.hashCode() + candidate.hashCode()) & (KindAdmission.SLOTS - 1);
      if (at == slot) {
        assertNotEquals(TEMPLATE, candidate);
        return candidate;
      }
    }
  }
}
