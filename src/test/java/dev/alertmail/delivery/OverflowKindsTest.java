package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverflowKindsTest {

  @Test
  void countsByLoggerAndTemplateLargestFirstAndStartsAfreshAfterADrain() throws Exception {
    OverflowKinds kinds = new OverflowKinds();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 500; i++) {
                  kinds.count("com.shop.Db", "Database down: could not load order {}");
                  if (i % 5 == 0) {
                    kinds.count("com.shop.Pay", "Payment provider {} timed out");
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }

    Map<String, Long> drained = kinds.drain();

    assertEquals(
        List.of(
            Map.entry("Database down: could not load order {} (com.shop.Db)", 1_000L),
            Map.entry("Payment provider {} timed out (com.shop.Pay)", 200L)),
        List.copyOf(drained.entrySet()));
    assertEquals(Map.of(), kinds.drain());
  }
}
