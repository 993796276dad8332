package dev.alertmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingDurationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "10 seconds, 10000",
    "1 second, 1000",
    "500 milliseconds, 500",
    "250, 250",
    "2 minutes, 120000",
    "1 hour, 3600000",
    "1 day, 86400000",
    "PT10S, 10000",
    "pt1m, 60000",
    "PT0.5S, 500",
    "0 seconds, 0"
  })
  void readsLogbackWordsAndIso8601(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), SettingDuration.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ten seconds", "10 fortnights", "P1X", "-5 seconds"})
  void refusesWhatIsNeither(String text) {
    assertThrows(IllegalArgumentException.class, () -> SettingDuration.parse(text));
  }
}
