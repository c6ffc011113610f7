package dev.gavel.auction;

/**
 * An auction's timing on the monotonic clock: when the request arrived, when the auction closes,
 * and when the publisher stops waiting ({@code arrival + tmax}). The close comes a safety margin
 * before the answer is due, so the answer written at the close still leaves in time. Every
 * timeout in the request path is derived from one of these, so "how long is left" has one answer.
 */
public record Deadline(long arrivalNanos, long closeNanos, long answerByNanos) {

  /** Arrival plus {@code tmaxMs} is when the answer is due; the close is {@code marginNanos} before it. */
  public static Deadline of(long arrivalNanos, long tmaxMs, long marginNanos) {
    long answerBy = arrivalNanos + tmaxMs * 1_000_000L;
    long close = answerBy - marginNanos;
    // Compared by difference: nanoTime values may be negative and may wrap.
    return new Deadline(arrivalNanos, close - arrivalNanos < 0 ? arrivalNanos : close, answerBy);
  }

  /** Milliseconds left until the close at {@code nowNanos}, never negative. */
  public long remainingMillis(long nowNanos) {
    return Math.max(0, (closeNanos - nowNanos) / 1_000_000L);
  }

  /** The time the auction had from arrival to close, in milliseconds. */
  public long budgetMillis() {
    return (closeNanos - arrivalNanos) / 1_000_000L;
  }

  /** The close time has come. */
  public boolean passed(long nowNanos) {
    return nowNanos - closeNanos >= 0;
  }

  /** An answer written now would reach the publisher after it stopped waiting. */
  public boolean late(long nowNanos) {
    return nowNanos - answerByNanos > 0;
  }
}
