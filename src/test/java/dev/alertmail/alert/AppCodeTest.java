package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which frames are the application's: configured, inferred from the application, never a
 * framework's.
 */
public class AppCodeTest {

  private static final List<String> TOMCAT_TRACE =
      List.of(
          "org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)",
          "jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)",
          "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:195)");

  private static final List<String> CONTROLLER_TRACE =
      List.of(
          "com.shop.payment.PaymentService.charge(PaymentService.java:41)",
          "com.shop.web.CheckoutController.checkout(CheckoutController.java:27)",
          "jdk.internal.reflect.GeneratedMethodAccessor12.invoke(Unknown Source)",
          "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)");

  /** Tomcat's log line: a ServletException wrapping the controller's exception. */
  public static AlertEvent tomcatEvent(String order) {
    ThrowableInfo root =
        new ThrowableInfo(
            "java.lang.IllegalStateException",
            "Could not record payment for order " + order,
            CONTROLLER_TRACE,
            0,
            null,
            List.of());
    ThrowableInfo wrapper =
        new ThrowableInfo(
            "jakarta.servlet.ServletException",
            "Request processing failed: java.lang.IllegalStateException: Could not record payment for order "
                + order,
            TOMCAT_TRACE,
            0,
            root,
            List.of());
    String line =
        "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception"
            + " [Request processing failed: java.lang.IllegalStateException: Could not record"
            + " payment for order "
            + order
            + "] with root cause";
    return new AlertEvent(
        1_000,
        "ERROR",
        "org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]",
        line,
        line,
        "http-nio-8080-exec-1",
        Map.of(),
        wrapper);
  }

  @Test
  void aFrameworkFrameIsNeverTheApplicationsByInference() {
    assertTrue(AppCode.isApplication(CONTROLLER_TRACE.get(0), List.of()));
    for (String frame : TOMCAT_TRACE) {
      assertFalse(AppCode.isApplication(frame, List.of()), frame);
    }
    assertFalse(AppCode.isApplication(CONTROLLER_TRACE.get(2), List.of()), "JDK reflection");
  }

  @Test
  void whereIsTheDeepestCauseThroughTheApplicationsCode() {
    assertEquals(CONTROLLER_TRACE.get(0), AppCode.where(tomcatEvent("T-78"), List.of()));
    assertEquals(
        CONTROLLER_TRACE.get(1), AppCode.where(tomcatEvent("T-78"), List.of("com.shop.web")));
  }

  @Test
  void configuredPackagesDecide() {
    assertTrue(
        AppCode.isApplication("org.apache.myapp.Foo.bar(Foo.java:1)", List.of("org.apache.myapp")));
    assertFalse(AppCode.isApplication(CONTROLLER_TRACE.get(0), List.of("com.other")));
  }

  @Test
  void theApplicationsPackagesAreItsMainClasss() throws Exception {
    String saved = System.getProperty("sun.java.command");
    try {
      System.setProperty("sun.java.command", "com.shop.ShopApplication --server.port=0");
      assertEquals(List.of("com.shop"), AppCode.inferred());
      System.setProperty("sun.java.command", "org.apache.maven.surefire.booter.ForkedBooter x");
      assertEquals(List.of(), AppCode.inferred(), "a framework's launcher tells nothing");
    } finally {
      System.setProperty("sun.java.command", saved == null ? "" : saved);
    }
  }

  @Test
  void springBootsStartClassIsReadFromTheJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("shop.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .putValue("Main-Class", "org.springframework.boot.loader.launch.JarLauncher");
    manifest.getMainAttributes().putValue("Start-Class", "com.shop.ShopApplication");
    try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      // the manifest is all it needs
    }
    String saved = System.getProperty("sun.java.command");
    try {
      System.setProperty("sun.java.command", jar.toString());
      assertEquals(List.of("com.shop"), AppCode.inferred());
    } finally {
      System.setProperty("sun.java.command", saved == null ? "" : saved);
    }
  }
}
