package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

/** Waiting for the sender thread, which is real even where flood control's clock is not. */
final class SenderThreads {

  private SenderThreads() {}

  /** Polls for at most 10 seconds of real time, then fails with {@code what}. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    await(condition, () -> what);
  }

  /** As {@link #await(BooleanSupplier, String)}, the message made when it fails. */
  static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
      throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertTrue(condition.getAsBoolean(), what);
  }
}
