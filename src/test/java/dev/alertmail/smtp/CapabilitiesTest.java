package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  private static Capabilities parse(String... lines) {
    return Capabilities.parse(new SmtpReply(250, List.of(lines)));
  }

  @Test
  void parsesTheExtensionsTheClientUses() {
    Capabilities c =
        parse("mx.test greets you", "PIPELINING", "SIZE 10240000", "8BITMIME", "STARTTLS");
    assertTrue(c.pipelining());
    assertTrue(c.eightBitMime());
    assertTrue(c.startTls());
    assertEquals(10240000, c.maxSize());
    assertEquals(Set.of(), c.authMechanisms());
  }

  @Test
  void parsesAuthMechanismsCaseInsensitively() {
    Capabilities c = parse("mx.test", "auth login Plain CRAM-MD5");
    assertEquals(Set.of("LOGIN", "PLAIN", "CRAM-MD5"), c.authMechanisms());
    assertTrue(c.offersAuth(AuthMechanism.PLAIN));
    assertTrue(c.offersAuth(AuthMechanism.LOGIN));
  }

  @Test
  void parsesTheOldAuthEqualsForm() {
    Capabilities c = parse("mx.test", "AUTH=LOGIN");
    assertTrue(c.offersAuth(AuthMechanism.LOGIN));
    assertFalse(c.offersAuth(AuthMechanism.PLAIN));
  }

  @Test
  void ignoresTheGreetingLine() {
    assertFalse(parse("STARTTLS is what this host is called").startTls());
  }

  @Test
  void treatsGarbledOrMissingSizeAsNoLimit() {
    assertEquals(0, parse("mx.test", "SIZE").maxSize());
    assertEquals(0, parse("mx.test", "SIZE lots").maxSize());
  }

  @Test
  void heloServerOffersNothing() {
    assertFalse(Capabilities.NONE.startTls());
    assertTrue(Capabilities.NONE.authMechanisms().isEmpty());
  }
}
