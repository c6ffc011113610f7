package dev.gavel.auction.admission;

/**
 * What admission control asks of an event loop: how late it runs its tasks right now, and how
 * much earlier than its due time an auction must close to still answer in time. Measured by
 * {@link LoopLag}; tests inject their own.
 */
public interface LagSignal {
  /**
   * How late this loop is running at {@code nowNanos}, right now: what a request read at this
   * moment may have waited unseen (it sets back the auction's clock).
   */
  long lagNanos(long nowNanos);

  /**
   * How long past its due time this loop's own probe timer is at {@code nowNanos}, zero once the
   * loop has reached its timers: it grows while the loop works through a backlog in one go (a
   * burst of arrivals, the reads queued during a pause), and every auction's close timer due in
   * that time waits with it.
   */
  long overdueNanos(long nowNanos);

  /**
   * How late this loop has been running lately, smoothed: high only when it stays behind (it
   * cannot keep up), not after one pause (a GC) that it has already recovered from.
   */
  long sustainedLagNanos();

  /** How long before its answer is due an auction should close: the recent worst overrun of a close. */
  long marginNanos();

  /** Records how long after its close time an auction's answer was written. */
  void recordOverrun(long overrunNanos);
}
