package dev.gavel.auction.admission;

import dev.gavel.config.AdmissionConfig;
import java.util.function.BooleanSupplier;

/**
 * Admission control for one event loop: an auction is let in only if it can still be answered in
 * time, judged before any work is spent on it. Otherwise the caller answers a no-bid at once; a
 * shed request never waits in a queue. Also the source of the loop's safety margin. Used from its
 * event loop only.
 */
public final class Admission {
  private final AdmissionConfig config;
  private final LagSignal lag;
  private final BooleanSupplier warm;
  private final long minMarginNanos;
  private final long maxMarginNanos;
  private static final long HEADROOM_DIVISOR = 4;
  /** Written on its event loop only; volatile for the gauges and /ready that read it elsewhere. */
  private volatile int inFlight;

  public Admission(AdmissionConfig config, LagSignal lag, BooleanSupplier warm, long minMarginMs, long maxMarginMs) {
    this.config = config;
    this.lag = lag;
    this.warm = warm;
    this.minMarginNanos = minMarginMs * 1_000_000L;
    this.maxMarginNanos = maxMarginMs * 1_000_000L;
  }

  /**
   * Why the auction arriving at {@code nowNanos} must be refused, or null when it is admitted: it
   * then counts as in flight until {@link #done()}.
   */
  public ShedReason admit(long nowNanos) {
    if (!warm.getAsBoolean()) {
      return ShedReason.WARMING;
    }
    if (lag.sustainedLagNanos() > config.maxLoopLagMs() * 1_000_000L) {
      return ShedReason.LOOP_LAG;
    }
    if (lag.overdueNanos(nowNanos) > Math.max(config.maxLoopLagMs() * 1_000_000L, marginNanos() / 2)) {
      return ShedReason.CLOSES_WAITING;
    }
    if (inFlight >= config.maxInFlightPerLoop()) {
      return ShedReason.IN_FLIGHT;
    }
    inFlight++;
    return null;
  }

  /** An admitted auction (or one that bypassed admission through {@link #enter()}) has been answered. */
  public void done() {
    inFlight--;
  }

  /** Counts an auction in flight without judging it: the warm-up's own. */
  public void enter() {
    inFlight++;
  }

  /**
   * How long before its answer is due an auction admitted now should close: the worst recent
   * overrun with a quarter on top (the next stall is rarely exactly the size of the last), within
   * the configured bounds.
   */
  public long marginNanos() {
    long measured = lag.marginNanos() + lag.marginNanos() / HEADROOM_DIVISOR;
    return Math.min(maxMarginNanos, Math.max(minMarginNanos, measured));
  }

  /** Records how long after its close an answer was written; it feeds the margin. */
  public void recordOverrun(long overrunNanos) {
    lag.recordOverrun(overrunNanos);
  }

  public int inFlight() {
    return inFlight;
  }

  /** How late the loop runs right now: what a request read now may have waited unseen. */
  public long lagNanos(long nowNanos) {
    return lag.lagNanos(nowNanos);
  }

  /** Half-way to shedding for lag: the loop is busy enough that background work should wait. */
  public boolean pressed() {
    return lag.sustainedLagNanos() > config.maxLoopLagMs() * 500_000L;
  }

  /** How late the loop has been running lately (smoothed): what admission judges by. */
  public long sustainedLagNanos() {
    return lag.sustainedLagNanos();
  }
}
