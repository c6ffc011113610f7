package dev.gavel.auction.admission;

import java.util.List;

/** A lag signal a test sets by hand: how late the loop is, and the worst recent overrun. */
public final class FakeLag implements LagSignal {
  public volatile long lagNanos;
  public volatile long overdueNanos;
  public volatile long sustainedNanos;
  public volatile long marginNanos;
  public final List<Long> overruns = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FakeLag laggingMs(long ms) {
    lagNanos = ms * 1_000_000L;
    sustainedNanos = ms * 1_000_000L;
    overdueNanos = 0;
    return this;
  }

  @Override
  public long lagNanos(long nowNanos) {
    return lagNanos;
  }

  @Override
  public long overdueNanos(long nowNanos) {
    return overdueNanos;
  }

  @Override
  public long sustainedLagNanos() {
    return sustainedNanos;
  }

  @Override
  public long marginNanos() {
    return marginNanos;
  }

  @Override
  public void recordOverrun(long overrunNanos) {
    overruns.add(overrunNanos);
  }
}
