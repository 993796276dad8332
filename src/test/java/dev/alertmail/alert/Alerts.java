package dev.alertmail.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts for flood control tests: a problem is a logger and a message template. */
final class Alerts {

  private Alerts() {}

  /** An alert of the given problem, logged at the given time, its argument filled in. */
  static Alert of(String problem, Instant at, int argument) {
    String template = problem + " on order {}";
    var event =
        new AlertEvent(
            at.toEpochMilli(),
            "ERROR",
            "com.shop." + problem.replace(' ', '_'),
            template,
            problem + " on order " + argument,
            "worker-1",
            Map.of(),
            new ThrowableInfo(
                "java.lang.IllegalStateException",
                "order " + argument,
                List.of(
                    "com.shop.Orders.commit(Orders.java:" + (10 + argument % 7) + ")",
                    "com.shop.Api.handle(Api.java:42)"),
                0,
                null,
                List.of()));
    return new Alert(event, List.of(), "[shop] ERROR " + event.message());
  }
}
