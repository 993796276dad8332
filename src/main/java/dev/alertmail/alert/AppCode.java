package dev.alertmail.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * Which stack frames are the application's own code, and where in it a problem happened: what a
 * mail names as "Where", what its HTML trace keeps in view, what a fingerprint is made of. The
 * application's packages are the configured {@code appPackages}, or else inferred from the
 * application (its main class, Spring Boot's start class); without either, every frame outside
 * well-known frameworks and libraries is the application's. A framework's frame is never the
 * application's by inference: Tomcat logging a controller's exception names the controller.
 */
public final class AppCode {

  /** Packages of the JDK and of frameworks and libraries an application runs on. */
  static final List<String> FRAMEWORKS =
      List.of(
          "java.",
          "javax.",
          "jakarta.",
          "jdk.",
          "sun.",
          "com.sun.",
          "org.springframework.",
          "org.apache.",
          "io.netty.",
          "org.hibernate.",
          "org.eclipse.jetty.",
          "io.undertow.",
          "reactor.",
          "ch.qos.logback.",
          "org.slf4j.",
          "kotlin.",
          "kotlinx.",
          "scala.",
          "com.fasterxml.",
          "io.micrometer.",
          "com.zaxxer.hikari.",
          "org.postgresql.",
          "com.mysql.",
          "org.mariadb.",
          "oracle.jdbc.",
          "org.h2.",
          "org.glassfish.",
          "org.jboss.",
          "io.quarkus.",
          "io.micronaut.",
          "io.vertx.",
          "io.grpc.",
          "com.google.common.",
          "com.google.protobuf.",
          "okhttp3.",
          "okio.",
          "retrofit2.",
          "feign.",
          "net.bytebuddy.",
          "org.aspectj.",
          "brave.",
          "io.opentelemetry.",
          "groovy.",
          "org.codehaus.groovy.",
          "org.junit.",
          "org.gradle.",
          "org.mockito.",
          "io.reactivex.",
          "rx.",
          "akka.",
          "org.jooq.",
          "org.mybatis.",
          "com.zaxxer.",
          "io.lettuce.",
          "redis.clients.",
          "software.amazon.awssdk.",
          "com.amazonaws.");

  private AppCode() {}

  /**
   * {@return whether the class or frame, e.g. {@code org.apache.catalina.X.y(X.java:1)}, is a
   * framework's}
   */
  public static boolean isFramework(String frame) {
    for (String prefix : FRAMEWORKS) {
      if (frame.startsWith(prefix)) {
        return true;
      }
    }
    return frame.startsWith("$Proxy") || frame.startsWith("jdk.proxy");
  }

  /**
   * The first frame of the application's own code in the deepest exception of the chain that has
   * one (the deepest place the application was involved), or null when no frame is the
   * application's.
   */
  public static String where(AlertEvent trigger, List<String> packages) {
    List<ThrowableInfo> chain = new ArrayList<>();
    for (ThrowableInfo t = trigger.throwable(); t != null; t = t.cause()) {
      chain.add(0, t);
    }
    for (ThrowableInfo t : chain) {
      for (String frame : t.frames()) {
        if (isApplication(frame, packages)) {
          return frame;
        }
      }
    }
    return null;
  }

  /**
   * {@return the exception of the chain a reader should see first}: the deepest one thrown through
   * the application's own code, or the top one when none was
   */
  public static ThrowableInfo inAppMost(ThrowableInfo top, List<String> packages) {
    ThrowableInfo found = null;
    for (ThrowableInfo t = top; t != null; t = t.cause()) {
      for (String frame : t.frames()) {
        if (isApplication(frame, packages)) {
          found = t;
          break;
        }
      }
    }
    return found == null ? top : found;
  }

  /** {@return whether a logger's or class's name is the application's} */
  public static boolean isApplicationName(String name, List<String> packages) {
    return isApplication(name + ".", packages);
  }

  /**
   * {@return whether a frame such as {@code com.shop.Foo.bar(Foo.java:1)} is the application's}: in
   * the packages when any are known, else outside every framework
   */
  public static boolean isApplication(String frame, List<String> packages) {
    if (packages.isEmpty()) {
      return !isFramework(frame);
    }
    for (String prefix : packages) {
      if (frame.startsWith(prefix + ".") || frame.startsWith(prefix + "$")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return the application's packages as the application shows them}: the package of its main
   * class, or of Spring Boot's start class in an executable jar; empty when that is a framework's
   * (a test runner, a server's launcher) or cannot be told
   */
  public static List<String> inferred() {
    String command = System.getProperty("sun.java.command", "").strip();
    int space = command.indexOf(' ');
    String main = space < 0 ? command : command.substring(0, space);
    if (main.endsWith(".jar")) {
      main = mainClassOf(main);
    }
    int dot = main == null ? -1 : main.lastIndexOf('.');
    if (dot <= 0 || isFramework(main)) {
      return List.of();
    }
    return List.of(main.substring(0, dot));
  }

  /** Spring Boot's Start-Class, else the Main-Class, of an executable jar. */
  private static String mainClassOf(String jar) {
    try (var file = new java.util.jar.JarFile(jar)) {
      var manifest = file.getManifest();
      if (manifest == null) {
        return null;
      }
      var attributes = manifest.getMainAttributes();
      String start = attributes.getValue("Start-Class");
      return start != null ? start : attributes.getValue("Main-Class");
    } catch (java.io.IOException | SecurityException e) {
      return null;
    }
  }
}
