package io.playloop.serving;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that the server reaches asynchronously (a poll, a background writer). */
public final class Eventually {
  private Eventually() {}

  public static void within(Duration limit, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("not reached within " + limit + ": " + what);
  }
}
