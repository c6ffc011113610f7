package dev.gavel.auction.admission;

import io.vertx.core.Vertx;

/**
 * Measures how late one event loop runs its tasks: a timer re-armed every interval records how
 * long after its due time it fired. {@link #lagNanos} is the larger of the last tick's lateness
 * and how overdue the next tick already is, so a loop that is stuck (or starved of CPU) reads as
 * lagging to the first request it gets to, before the probe itself can run. The worst lateness
 * of the window, of the probe and of auctions' closes, is the safety margin: not a high quantile,
 * because the stalls that matter are rare and discrete (a 30 ms young GC every two seconds is one
 * late probe tick in 400, yet an auction closing during it is late). Started and read on its own
 * event loop only.
 */
public final class LoopLag implements LagSignal {
  private static final double MARGIN_QUANTILE = 1.0;
  private static final long SMOOTHING = 5;

  private final Vertx vertx;
  private final long intervalMs;
  private final LatenessWindow window;
  private long dueNanos;
  private long lastLatenessNanos;
  private volatile long sustainedNanos;
  private volatile long marginNanos;
  private long timer = -1;
  private boolean stopped;

  public LoopLag(Vertx vertx, long intervalMs, long windowMs) {
    this.vertx = vertx;
    this.intervalMs = intervalMs;
    long now = System.nanoTime();
    this.window = new LatenessWindow(windowMs * 1_000_000L, now);
    this.dueNanos = now + intervalMs * 1_000_000L;
  }

  /** Starts probing; call on the event loop to be measured. */
  public void start() {
    arm(System.nanoTime());
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  @Override
  public long lagNanos(long nowNanos) {
    return Math.max(lastLatenessNanos, overdueNanos(nowNanos));
  }

  @Override
  public long overdueNanos(long nowNanos) {
    return Math.max(0, nowNanos - dueNanos);
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
    window.record(overrunNanos, System.nanoTime());
  }

  private void arm(long nowNanos) {
    dueNanos = nowNanos + intervalMs * 1_000_000L;
    timer = vertx.setTimer(intervalMs, id -> tick());
  }

  private void tick() {
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    lastLatenessNanos = Math.max(0, now - dueNanos);
    // An exponential average over the last few ticks: one 30 ms pause moves it by 6 ms and fades.
    sustainedNanos += (lastLatenessNanos - sustainedNanos) / SMOOTHING;
    window.record(lastLatenessNanos, now);
    marginNanos = window.quantileNanos(MARGIN_QUANTILE, now);
    arm(now);
  }
}
