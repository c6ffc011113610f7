package dev.gavel.auction;

import io.vertx.core.Vertx;

/**
 * The monotonic clock and the one-shot timers an auction runs on: the event loop's in production
 * ({@link #of}), a hand-driven one in tests, so that deadlines are tested without waiting for them.
 */
public interface AuctionClock {

  long nanoTime();

  /** Runs {@code action} after {@code delayMs}, on the caller's event loop; answers the timer's id. */
  long setTimer(long delayMs, Runnable action);

  void cancelTimer(long id);

  static AuctionClock of(Vertx vertx) {
    return new AuctionClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long setTimer(long delayMs, Runnable action) {
        return vertx.setTimer(delayMs, id -> action.run());
      }

      @Override
      public void cancelTimer(long id) {
        vertx.cancelTimer(id);
      }
    };
  }
}
