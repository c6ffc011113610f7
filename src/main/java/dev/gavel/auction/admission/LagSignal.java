package dev.gavel.auction.admission;

/**
 * What admission control asks of an event loop: how late it runs its tasks right now, and how
 * much earlier than its due time an auction must close to still answer in time. Measured by
 * {@link LoopLag}; tests inject their own.
 */
public interface LagSignal {
  /** How late this loop is running, at {@code nowNanos}. */
  long lagNanos(long nowNanos);

  /** How long before its answer is due an auction should close: the recent worst overrun of a close. */
  long marginNanos();

  /** Records how long after its close time an auction's answer was written. */
  void recordOverrun(long overrunNanos);
}
