package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AppCodeTest;
import dev.alertmail.alert.Digest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The commonest error of a web application: a controller's exception, logged by Tomcat. The mail
 * names the application's failure, not the servlet container's wrapper.
 */
class FrameworkLoggedFailureTest {

  private static final Origin INFERRED = new Origin("shop", "app1", Fixtures.BERLIN, List.of());

  private static MimeMessage mail(Origin origin) {
    var event = AppCodeTest.tomcatEvent("T-78");
    // what Tomcat's line renders with the default subject pattern
    Alert alert =
        new Alert(
            event,
            List.of(),
            "[shop] ERROR o.a.c.c.C.[.[.[.[dispatcherServlet]: " + event.message());
    var composer =
        new AlertMailComposer(
            Fixtures.FROM, List.of(Fixtures.TO), List.of(), List.of(), MailFormat.BOTH, origin);
    return ParsedMail.parse(
        MimeRenderer.render(composer.compose(Digest.of(List.of(alert), 0), Fixtures.NOW)));
  }

  @Test
  void theSubjectNamesTheApplicationsExceptionWithItsValuesAsEllipses() throws Exception {
    assertEquals(
        "[shop] ERROR IllegalStateException: Could not record payment for order T-\u2026",
        mail(INFERRED).getSubject());
  }

  @Test
  void whereIsTheControllersFrameAndTomcatsFramesAreFolded() throws Exception {
    MimeMessage mail = mail(INFERRED);
    String text = ParsedMail.text(mail);
    assertTrue(
        text.contains(
            "Where:       com.shop.payment.PaymentService.charge(PaymentService.java:41)"),
        text);
    String html = ParsedMail.html(mail);
    assertTrue(html.contains("<b style=\"color:#111;\">"), html);
    assertTrue(
        html.contains("com.shop.web.CheckoutController.checkout"), "the application's frames");
    assertFalse(
        html.contains("<b style=\"color:#111;\">\u00a0\u00a0at\u00a0org.apache.catalina"),
        "Tomcat's frames are not the application's");
  }

  @Test
  void configuredPackagesWin() throws Exception {
    MimeMessage mail = mail(new Origin("shop", "app1", Fixtures.BERLIN, List.of("com.shop.web")));
    assertTrue(
        ParsedMail.text(mail)
            .contains(
                "Where:       com.shop.web.CheckoutController.checkout(CheckoutController.java:27)"));
  }
}
