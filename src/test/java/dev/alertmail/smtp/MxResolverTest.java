package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MX resolution through the JDK's DNS provider against a DNS server on 127.0.0.1. */
class MxResolverTest {

  private TestDnsServer dns;

  @BeforeEach
  void startDns() throws Exception {
    dns = TestDnsServer.start();
  }

  @AfterEach
  void stopDns() {
    dns.close();
  }

  private MxResolver resolver(long seed) {
    return new MxResolver(dns.address(), Duration.ofSeconds(3), new SplittableRandom(seed));
  }

  @Test
  void exchangersComeInPreferenceOrder() throws Exception {
    dns.mx("shop.test", 20, "backup.shop.test")
        .mx("shop.test", 10, "primary.shop.test")
        .mx("shop.test", 30, "last.shop.test");
    assertEquals(
        List.of("primary.shop.test", "backup.shop.test", "last.shop.test"),
        resolver(1).exchangers("shop.test"));
  }

  @Test
  void equalPreferencesAreShuffledButStayBehindBetterOnes() throws Exception {
    dns.mx("shop.test", 10, "a.shop.test")
        .mx("shop.test", 10, "b.shop.test")
        .mx("shop.test", 5, "first.shop.test");
    Set<List<String>> orders = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      List<String> order = resolver(seed).exchangers("SHOP.test");
      assertEquals("first.shop.test", order.get(0));
      orders.add(order);
    }
    assertEquals(
        Set.of(
            List.of("first.shop.test", "a.shop.test", "b.shop.test"),
            List.of("first.shop.test", "b.shop.test", "a.shop.test")),
        orders);
  }

  @Test
  void aDomainWithoutMxIsItsOwnExchanger() throws Exception {
    dns.address("plain.test", "127.0.0.9");
    assertEquals(List.of("plain.test"), resolver(1).exchangers("plain.test"));
    assertEquals(List.of(InetAddress.getByName("127.0.0.9")), resolver(1).addresses("plain.test"));
  }

  @Test
  void aNullMxIsAPermanentFailure() throws Exception {
    dns.mx("nomail.test", 0, ".");
    SmtpException e =
        assertThrows(SmtpException.class, () -> resolver(1).exchangers("nomail.test"));
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("null MX"), e.getMessage());
  }

  @Test
  void anUnknownDomainIsAPermanentFailure() {
    SmtpException e =
        assertThrows(SmtpException.class, () -> resolver(1).exchangers("missing.test"));
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void addressesListIpv4BeforeIpv6() throws Exception {
    dns.address("mx.shop.test", "::1").address("mx.shop.test", "127.0.0.2");
    assertEquals(
        List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("::1")),
        resolver(1).addresses("mx.shop.test"));
  }

  @Test
  void aHostWithoutAddressIsReported() throws Exception {
    dns.mx("shop.test", 10, "ghost.shop.test");
    SmtpException e = assertThrows(SmtpException.class, () -> resolver(1).addresses("shop.test"));
    assertTrue(e.getMessage().contains("no address record"), e.getMessage());
  }

  @Test
  void aSilentDnsServerIsATransientFailureWithinTheTimeout() throws Exception {
    dns.silent();
    var resolver = new MxResolver(dns.address(), Duration.ofMillis(600), new SplittableRandom(1));
    SmtpException e = assertThrows(SmtpException.class, () -> resolver.exchangers("shop.test"));
    assertTrue(e.isTransient(), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:" + dns.address().port()), e.getMessage());
    assertTrue(dns.queries() >= 1, "the query reached the server");
  }

  @ParameterizedTest(name = "AAAA {0}")
  @ValueSource(strings = {"REFUSED", "SERVFAIL", "SILENCE"})
  void anIpv4AddressIsUsedWhenTheAaaaLookupFails(String how) throws Exception {
    dns.address("mx2.shop.test", "127.0.0.2").fail("AAAA", how);
    var resolver = new MxResolver(dns.address(), Duration.ofMillis(600), new SplittableRandom(1));
    assertEquals(List.of(InetAddress.getByName("127.0.0.2")), resolver.addresses("mx2.shop.test"));
  }

  @Test
  void anIpv6AddressIsUsedWhenTheALookupFails() throws Exception {
    dns.address("mx2.shop.test", "::1").fail("A", "SERVFAIL");
    assertEquals(List.of(InetAddress.getByName("::1")), resolver(1).addresses("mx2.shop.test"));
  }

  @Test
  void bothFamiliesFailingIsTransientAndSaysWhatEachAnswered() throws Exception {
    dns.address("mx2.shop.test", "127.0.0.2").fail("A", "REFUSED").fail("AAAA", "SERVFAIL");
    SmtpException e =
        assertThrows(SmtpException.class, () -> resolver(1).addresses("mx2.shop.test"));
    assertTrue(e.isTransient(), e.getMessage());
    assertTrue(e.getMessage().contains("A: "), e.getMessage());
    assertTrue(e.getMessage().contains("AAAA: "), e.getMessage());
    assertTrue(e.getMessage().contains("asked 127.0.0.1:" + dns.address().port()), e.getMessage());
  }

  @Test
  void anUnknownHostIsPermanentNotRetried() {
    SmtpException e =
        assertThrows(SmtpException.class, () -> resolver(1).addresses("nosuch.shop.test"));
    assertFalse(e.isTransient(), e.getMessage());
    assertEquals(SmtpException.Reason.NO_SUCH_HOST, e.reason());
  }
}
