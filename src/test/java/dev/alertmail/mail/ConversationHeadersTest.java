package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Digest;
import jakarta.mail.internet.MimeMessage;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One conversation per problem in every mail client, across instances of a service and restarts,
 * from headers derived from the application and the fingerprint alone; and the headers mail rules
 * and ticket systems use.
 */
class ConversationHeadersTest {

  private static AlertMailComposer composer(String host, boolean threading, String listId) {
    return new AlertMailComposer(
        Fixtures.FROM,
        List.of(Fixtures.TO),
        List.of(),
        List.of(),
        MailFormat.TEXT,
        new Origin("shop", host, Fixtures.BERLIN),
        threading,
        listId);
  }

  private static MimeMessage mail(AlertMailComposer composer, Digest digest) throws Exception {
    return ParsedMail.parse(MimeRenderer.render(composer.compose(digest, Fixtures.NOW)));
  }

  @Test
  void twoInstancesMailingTheSameProblemShareTheConversationRoot() throws Exception {
    Digest problem = Fixtures.digest("s", "database down");
    MimeMessage fromApp1 = mail(composer("app1.example.com", true, null), problem);
    MimeMessage fromApp2 = mail(composer("app2.example.com", true, null), problem);

    String root = fromApp1.getHeader("References", null);
    assertTrue(root.matches("<alertmail\\.[0-9a-f]{32}@example\\.com>"), root);
    assertEquals(root, fromApp2.getHeader("References", null));
    assertEquals(root, fromApp1.getHeader("In-Reply-To", null));
    assertEquals(
        rootOf(fromApp1.getHeader("Thread-Index", null)),
        rootOf(fromApp2.getHeader("Thread-Index", null)));
    assertEquals(
        fromApp1.getHeader("Thread-Topic", null), fromApp2.getHeader("Thread-Topic", null));
    assertNotEquals(fromApp1.getMessageID(), fromApp2.getMessageID(), "each mail its own id");
    assertEquals("app2.example.com", fromApp2.getHeader("X-AlertMail-Host", null));
    assertEquals("shop", fromApp2.getHeader("X-AlertMail-Application", null));
  }

  @Test
  void anotherProblemIsAnotherConversation() throws Exception {
    AlertMailComposer composer = composer("app1.example.com", true, null);
    MimeMessage database = mail(composer, Fixtures.digest("s", "database down"));
    MimeMessage disk = mail(composer, Fixtures.digest("s", "disk full"));
    assertNotEquals(database.getHeader("References", null), disk.getHeader("References", null));
  }

  @Test
  void threadingCanBeTurnedOffForTicketSystems() throws Exception {
    MimeMessage mail = mail(composer("app1", false, null), Fixtures.digest("s", "m"));
    for (String header : List.of("References", "In-Reply-To", "Thread-Topic", "Thread-Index")) {
      assertNull(mail.getHeader(header), header);
    }
  }

  @Test
  void listIdIsPerApplicationAndOverridable() throws Exception {
    assertEquals(
        "shop alerts <shop.alerts.example.com>",
        mail(composer("app1", true, null), Fixtures.digest("s", "m")).getHeader("List-Id", null));
    assertEquals(
        "checkout <checkout.example.com>",
        mail(composer("app1", true, "checkout <checkout.example.com>"), Fixtures.digest("s", "m"))
            .getHeader("List-Id", null));
    assertEquals(
        "All",
        mail(composer("app1", true, null), Fixtures.digest("s", "m"))
            .getHeader("X-Auto-Response-Suppress", null));
  }

  @Test
  void onlyTheFirstMailAboutAProblemIsImportant() throws Exception {
    AlertMailComposer composer = composer("app1", true, null);
    Digest first = Fixtures.digest("s", "database down");
    MimeMessage news = mail(composer, first);
    MimeMessage repeat = mail(composer, first.withNews(false));

    assertEquals("high", news.getHeader("Importance", null));
    assertEquals("1", news.getHeader("X-Priority", null));
    assertNull(repeat.getHeader("Importance"));
    assertNull(repeat.getHeader("X-Priority"));
  }

  private static String rootOf(String threadIndex) {
    byte[] bytes = Base64.getDecoder().decode(threadIndex);
    assertEquals(27, bytes.length, "a root of 22 bytes and one 5-byte child block");
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 22));
  }
}
