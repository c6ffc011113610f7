package dev.gavel.auction;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** An auction clock that moves only when a test says: timers fire, in order, as it is advanced. */
final class ManualClock implements AuctionClock {
  private record Timer(long dueNanos, Runnable action) {}

  private final Map<Long, Timer> timers = new LinkedHashMap<>();
  private long now = 5_000_000_000L;
  private long nextId;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public long setTimer(long delayMs, Runnable action) {
    timers.put(++nextId, new Timer(now + delayMs * 1_000_000L, action));
    return nextId;
  }

  @Override
  public void cancelTimer(long id) {
    timers.remove(id);
  }

  /** Moves the clock on by {@code ms}, firing each timer that comes due, at its own time. */
  void advanceMillis(long ms) {
    long target = now + ms * 1_000_000L;
    while (true) {
      Map.Entry<Long, Timer> first = timers.entrySet().stream()
          .filter(e -> e.getValue().dueNanos() <= target)
          .min(Comparator.comparingLong(e -> e.getValue().dueNanos()))
          .orElse(null);
      if (first == null) {
        break;
      }
      timers.remove(first.getKey());
      now = first.getValue().dueNanos();
      first.getValue().action().run();
    }
    now = target;
  }

  int pendingTimers() {
    return timers.size();
  }
}
