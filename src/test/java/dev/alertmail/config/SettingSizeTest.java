package dev.alertmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes as Logback's FileSize writes them. */
class SettingSizeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "262144, 262144",
    "256 KB, 262144",
    "256kb, 262144",
    "1 MB, 1048576",
    "10MB, 10485760",
    "1 GB, 1073741824",
    "512 b, 512",
  })
  void readsLogbacksSizes(String text, long bytes) {
    assertEquals(bytes, SettingSize.parse(text));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "big", "1.5 MB", "-1 KB", "10 TB", "KB", "9999999999999 GB"})
  void refusesWhatIsNotASize(String text) {
    assertThrows(IllegalArgumentException.class, () -> SettingSize.parse(text));
  }
}
