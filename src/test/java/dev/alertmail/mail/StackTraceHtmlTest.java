package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.ThrowableInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTraceHtmlTest {

  private static AlertEvent failing(List<String> frames) {
    var thrown =
        new ThrowableInfo(
            "java.lang.IllegalStateException", "boom <b>", frames, 0, null, List.of());
    return new AlertEvent(0, "ERROR", "com.shop.web.Checkout", "m", "m", "t", Map.of(), thrown);
  }

  @Test
  void applicationFramesStandOutAndFrameworkRunsFold() {
    String html =
        StackTraceHtml.of(
            failing(
                List.of(
                    "com.shop.web.Checkout.pay(Checkout.java:10)",
                    "java.base/jdk.internal.reflect.Method.invoke(Method.java:1)",
                    "org.springframework.aop.Proxy.invoke(Proxy.java:2)",
                    "org.apache.catalina.Valve.invoke(Valve.java:3)",
                    "org.apache.catalina.Wrapper.invoke(Wrapper.java:4)",
                    "com.shop.web.Router.route(Router.java:20)",
                    "java.base/java.lang.Thread.run(Thread.java:840)")),
            List.of());

    assertTrue(
        html.contains("<b style=\"color:#111;\">\u00a0\u00a0at\u00a0com.shop.web.Checkout.pay("),
        html);
    assertTrue(html.contains("\u2026 4 framework frames folded"), html);
    assertTrue(html.contains("com.shop.web.Router.route"), html);
    assertTrue(html.contains("java.lang.Thread.run"), "a single frame is not folded: " + html);
    assertFalse(html.contains("Valve"), html);
    assertTrue(html.contains("boom &lt;b&gt;"), "escaped: " + html);
  }

  @Test
  void configuredPackagesDecideWhatIsTheApplication() {
    String html =
        StackTraceHtml.of(
            failing(
                List.of(
                    "org.example.billing.Invoice.total(Invoice.java:1)",
                    "a.B.c(B.java:1)",
                    "a.B.d(B.java:2)",
                    "a.B.e(B.java:3)")),
            List.of("org.example.billing"));
    assertTrue(
        html.contains("<b style=\"color:#111;\">\u00a0\u00a0at\u00a0org.example.billing"), html);
    assertEquals(1, html.split("folded", -1).length - 1, html);
  }
}
