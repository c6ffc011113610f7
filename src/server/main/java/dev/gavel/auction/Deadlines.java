package dev.gavel.auction;

import dev.gavel.config.AuctionConfig;

/**
 * The request path's time arithmetic, pure (the caller passes the time): a request's tmax as the
 * config bounds it, its {@link Deadline}, whether what is left is worth an auction, and the tmax
 * each bidder is told.
 */
public final class Deadlines {
  private final AuctionConfig config;

  public Deadlines(AuctionConfig config) {
    this.config = config;
  }

  /** The request's tmax, {@code auction.defaultTmaxMs} when it has none, capped at {@code auction.maxTmaxMs}. */
  public int tmaxMs(Integer requested) {
    return Math.min(requested == null ? config.defaultTmaxMs() : requested, config.maxTmaxMs());
  }

  /** Due at arrival + tmax; closes {@code marginNanos} before, so the answer written then still leaves in time. */
  public Deadline deadline(long arrivalNanos, int tmaxMs, long marginNanos) {
    return Deadline.of(arrivalNanos, tmaxMs, marginNanos);
  }

  /** Less than {@code auction.minAuctionMs} left at {@code nowNanos}: answered at once with a no-bid. */
  public boolean tooShort(Deadline deadline, long nowNanos) {
    return deadline.remainingMillis(nowNanos) < config.minAuctionMs();
  }

  /**
   * The tmax a bidder is told at {@code nowNanos}: the time left to the close less its
   * {@code tmaxDeductionMs} (the network both ways); zero or less means it is not worth calling.
   */
  public static long bidderTmaxMs(Deadline deadline, long nowNanos, int deductionMs) {
    return deadline.remainingMillis(nowNanos) - deductionMs;
  }
}
