package dev.alertmail.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON written by hand reads back, through an independent parser, exactly as given. */
class PostableAlertTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00.123Z");

  @Test
  void everyStringReadsBackExactly() {
    String hostile =
        "quote \" backslash \\ newline \n tab \t nul \u0000 esc \u001b line sep \u2028 "
            + "</script> 支付 \uD83D\uDE00 é";
    var alert =
        new PostableAlert(
            Map.of("alertname", "ApplicationError", "service", "shop \"eu\""),
            Map.of("description", hostile, "count", "3"),
            T0,
            T0.plusSeconds(240),
            "https://logs.example.com/?q=abc&x=1");

    JsonArray array =
        JsonParser.parseString(PostableAlert.json(List.of(alert, alert))).getAsJsonArray();
    assertEquals(2, array.size());
    JsonObject read = array.get(0).getAsJsonObject();
    assertEquals(hostile, read.getAsJsonObject("annotations").get("description").getAsString());
    assertEquals("shop \"eu\"", read.getAsJsonObject("labels").get("service").getAsString());
    assertEquals("2026-12-04T10:00:00.123Z", read.get("startsAt").getAsString());
    assertEquals("2026-12-04T10:04:00.123Z", read.get("endsAt").getAsString());
    assertEquals("https://logs.example.com/?q=abc&x=1", read.get("generatorURL").getAsString());
  }

  @Test
  void aLoneSurrogateBecomesAReplacementCharacterNotInvalidUtf8() {
    var alert =
        new PostableAlert(
            Map.of("alertname", "A"), Map.of("description", "cut \uD83D"), T0, T0, null);
    JsonObject read =
        JsonParser.parseString(PostableAlert.json(List.of(alert)))
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject();
    assertEquals(
        "cut \uFFFD", read.getAsJsonObject("annotations").get("description").getAsString());
    assertFalse(read.has("generatorURL"));
  }

  @Test
  void labelNamesAreCheckedAsAlertmanagerDoes() {
    assertTrue(PostableAlert.isLabelName("team_2"));
    assertTrue(PostableAlert.isLabelName("_x"));
    assertFalse(PostableAlert.isLabelName("2team"));
    assertFalse(PostableAlert.isLabelName("team-name"));
    assertFalse(PostableAlert.isLabelName(""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PostableAlert(Map.of("bad-name", "x"), Map.of(), T0, T0, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PostableAlert(Map.of("env", ""), Map.of(), T0, T0, null));
  }
}
