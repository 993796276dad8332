package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The values a message carries are taken out; the words that say what went wrong stay. */
class MessageShapeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "failed for order T-78 | failed for order T-#",
        "timeout after 3.5 s on shard 12 | timeout after # s on shard #",
        "user 'bob' not found | user '\u2026' not found",
        "bad key \"a b\" in request | bad key \"\u2026\" in request",
        "mail to bob@example.com bounced | mail to <email> bounced",
        "session 3f2a9c1e-0b7d-4e8a-9f3c-2d1e0a7b6c5d expired | session <uuid> expired",
        "cannot reach 10.0.0.7:5432. | cannot reach <ip>.",
        "hash 9f86d081884c7d65 mismatch | hash <hex> mismatch",
        "pointer 0x7f3a | pointer <hex>",
        "Connection refused | Connection refused",
      })
  void valuesAreTakenOut(String message, String shape) {
    assertEquals(shape, MessageShape.of(message));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Could not record payment for order 42 | Could not record payment for order \u2026",
        "user 'bob' at 10.0.0.7 | user '\u2026' at \u2026",
      })
  void aReadableShapeShowsEachValueAsAnEllipsis(String message, String shape) {
    assertEquals(shape, MessageShape.readable(message));
  }

  @org.junit.jupiter.api.Test
  void differentWordsStayDifferent() {
    assertNotEquals(
        MessageShape.of("payment declined for order 7"),
        MessageShape.of("payment timed out for order 7"));
  }
}
