package dev.alertmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UndefinedVariablesTest {

  @Test
  void namesTheVariableAsWrittenWhereTheSubstitutedTextAllowsIt() {
    assertEquals(List.of("SMTP_HOST"), UndefinedVariables.in("SMTP_HOST_IS_UNDEFINED"));
    assertEquals(List.of("DOMAIN"), UndefinedVariables.in("mail.DOMAIN_IS_UNDEFINED"));
    assertEquals(List.of("app.name"), UndefinedVariables.in("app.name_IS_UNDEFINED"));
    assertEquals(
        List.of("RELAY1", "RELAY2"),
        UndefinedVariables.in("RELAY1_IS_UNDEFINED, RELAY2_IS_UNDEFINED:2525"));
    assertEquals(List.of(), UndefinedVariables.in("smtp.example.com"));
  }

  @Test
  void aPasswordWithTextAroundTheVariableIsNotQuoted() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("password", "pw-SMTP_PASSWORD_IS_UNDEFINED");
    values.put("trustStorePassword", "STORE_PASSWORD_IS_UNDEFINED");

    List<String> problems = UndefinedVariables.problems(values, "set it.");

    assertEquals(
        List.of(
            "<password> uses a variable that is not defined: set it.",
            "<trustStorePassword> uses ${STORE_PASSWORD}, which is not defined: set it."),
        problems);
  }
}
