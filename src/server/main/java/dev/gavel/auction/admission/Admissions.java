package dev.gavel.auction.admission;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every event loop's {@link Admission}, so that metrics and {@code /ready} can report the process
 * as a whole: the worst lag and margin, the auctions in flight, and whether anything was shed
 * recently. Read from any thread; the figures are a moment's view, not a transaction.
 */
public final class Admissions {
  private static final long RECENT_NANOS = 10_000_000_000L;
  private static final long PRESSURE_NANOS = 1_000_000_000L;

  private final List<Admission> loops = new CopyOnWriteArrayList<>();
  private volatile long lastShedNanos = System.nanoTime() - 2 * RECENT_NANOS;
  private volatile String lastShedReason;

  public void add(Admission admission) {
    loops.add(admission);
  }

  public void remove(Admission admission) {
    loops.remove(admission);
  }

  public void shed(ShedReason reason) {
    lastShedNanos = System.nanoTime();
    lastShedReason = reason.label();
  }

  /**
   * The serving side is short of time: an auction was shed in the last second, or an event loop is
   * half-way to shedding for lag. Consumers in the same process then pace themselves.
   */
  public boolean underPressure() {
    return System.nanoTime() - lastShedNanos < PRESSURE_NANOS || loops.stream().anyMatch(Admission::pressed);
  }

  /** The largest smoothed lag of the event loops (what admission judges by). */
  public double maxLagSeconds() {
    return loops.stream().mapToLong(Admission::sustainedLagNanos).max().orElse(0) / 1e9;
  }

  public double maxMarginSeconds() {
    return loops.stream().mapToLong(Admission::marginNanos).max().orElse(0) / 1e9;
  }

  public int inFlight() {
    return loops.stream().mapToInt(Admission::inFlight).sum();
  }

  /** For {@code /ready}: shedding is a degraded state worth a look, not a reason to stop traffic. */
  public JsonObject report() {
    boolean shedding = System.nanoTime() - lastShedNanos < RECENT_NANOS;
    JsonObject report = new JsonObject()
        .put("shedding", shedding)
        .put("loopLagMs", Math.round(maxLagSeconds() * 1000))
        .put("safetyMarginMs", Math.round(maxMarginSeconds() * 1000))
        .put("inFlight", inFlight());
    if (shedding) {
      report.put("lastShedReason", lastShedReason);
    }
    return report;
  }
}
