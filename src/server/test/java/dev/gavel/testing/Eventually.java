package dev.gavel.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded polling for tests that wait on something outside their control (a broker coming back, a
 * row appearing). Runs on the test thread only, never on an event loop. The condition is checked at
 * once and then every 20 ms until it holds or the deadline passes; an exception thrown by the
 * condition counts as "not yet" and is reported if the deadline passes.
 *
 * <pre>{@code
 * Eventually.await(() -> countRows() == 3, Duration.ofSeconds(10));
 * Eventually.await("the pool answers again", () -> trySelectOne(), Duration.ofSeconds(30));
 * }</pre>
 */
public final class Eventually {
  private static final long POLL_MILLIS = 20;

  private Eventually() {}

  public static void await(Supplier<Boolean> condition, Duration timeout) {
    await("condition", condition, timeout);
  }

  /** Waits until {@code condition} returns true, else fails with an AssertionError naming {@code what}. */
  public static void await(String what, Supplier<Boolean> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Throwable last = null;
    while (true) {
      try {
        if (Boolean.TRUE.equals(condition.get())) {
          return;
        }
        last = null;
      } catch (Exception | AssertionError e) {
        // Includes checked exceptions that Future.await rethrows unchecked.
        last = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        AssertionError failure = new AssertionError(what + " did not hold within " + timeout.toMillis() + " ms");
        if (last != null) {
          failure.initCause(last);
        }
        throw failure;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
