package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

  @Test
  void aRelayListKeepsItsOrderAndDefaultsThePort() {
    assertEquals(
        List.of(
            new HostPort("relay1.example.com", 587),
            new HostPort("relay2.example.com", 2525),
            new HostPort("10.0.0.7", 587),
            new HostPort("2001:db8::1", 25)),
        HostPort.parseList(
            " relay1.example.com, relay2.example.com:2525 ,10.0.0.7,[2001:db8::1]:25", 587));
  }

  @Test
  void anIpv6AddressPrintsWithBrackets() {
    assertEquals("[::1]:53", HostPort.parse("::1", 53).toString());
    assertEquals("[::1]:5353", HostPort.parse("[::1]:5353", 53).toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "smtp example.com | 'smtp example.com' is not a host name",
        "relay:99999 | port 99999 is not from 1 to 65535",
        "relay:smtp | 'smtp' is not a port number",
        "[::1 | lacks a closing ']'",
        "dns://10.0.0.2 | is not a port number",
      })
  void aMalformedEntryIsNamed(String value, String expected) {
    var e = assertThrows(IllegalArgumentException.class, () -> HostPort.parseList(value, 25));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void anEmptyListIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> HostPort.parseList(" , ", 25));
  }

  @Test
  void acceptsExactlyTheHostsTheRegularExpressionsAccepted() {
    Pattern name = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9])?\\.?");
    Pattern literal = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    SplittableRandom random = new SplittableRandom(25);
    for (int i = 0; i < 200_000; i++) {
      String host = randomText(random, "aZ09_.-:fG[] \r\n%/@\u00e9", 5);
      boolean expected = name.matcher(host).matches() || literal.matcher(host).matches();
      assertEquals(expected, HostPort.isHost(host), () -> "'" + host + "'");
    }
  }

  @Test
  void addressLiteralsForSniAreWhatTheRegularExpressionCalledThem() {
    Pattern v4 = Pattern.compile("[0-9.]+");
    SplittableRandom random = new SplittableRandom(6066);
    for (int i = 0; i < 50_000; i++) {
      String host = randomText(random, "09.:a", 4);
      boolean expected = host.indexOf(':') >= 0 || v4.matcher(host).matches();
      assertEquals(expected, Tls.isAddressLiteral(host), () -> "'" + host + "'");
    }
  }

  /** Up to {@code maxLength} characters drawn from the alphabet: short, so every shape recurs. */
  private static String randomText(SplittableRandom random, String alphabet, int maxLength) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
