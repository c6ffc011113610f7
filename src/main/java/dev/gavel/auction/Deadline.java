package dev.gavel.auction;

/**
 * The instant an auction must answer by, on the monotonic clock. Every timeout in the request
 * path is derived from one of these, so "how long is left" has a single answer.
 */
public record Deadline(long startNanos, long deadlineNanos) {

  public static Deadline after(long startNanos, long budgetMillis) {
    return new Deadline(startNanos, startNanos + budgetMillis * 1_000_000L);
  }

  /** Milliseconds left at {@code nowNanos}, never negative. */
  public long remainingMillis(long nowNanos) {
    return Math.max(0, (deadlineNanos - nowNanos) / 1_000_000L);
  }

  public long budgetMillis() {
    return (deadlineNanos - startNanos) / 1_000_000L;
  }

  public boolean passed(long nowNanos) {
    return nowNanos - deadlineNanos > 0;
  }
}
