package dev.gavel.pipeline.fraud;

/**
 * Sliding windows of event times per IP, for {@code ivt.ip_rate}. An event is over the limit when
 * the {@code maxEvents} events before it from the same IP all fall within the window ending at it;
 * so each IP keeps at most {@code maxEvents} timestamps (8 bytes each), and every event counts,
 * including those already over the limit. IPs idle for a whole window are forgotten; beyond
 * {@code maxIps} the least recently active IP is forgotten first.
 */
final class IpRateWindows {

  private final BoundedEventTimeMap<String, LongRing> windows;
  private final long windowMs;
  private final int maxEvents;

  IpRateWindows(int maxIps, long windowMs, int maxEvents) {
    this.windows = new BoundedEventTimeMap<>(maxIps, windowMs);
    this.windowMs = windowMs;
    this.maxEvents = maxEvents;
  }

  /** Records an event from {@code ip} at {@code atMs}; true when it exceeds the limit. */
  boolean recordAndCheck(String ip, long atMs) {
    LongRing times = windows.get(ip);
    if (times == null) {
      times = new LongRing(maxEvents);
    }
    while (times.size() > 0 && times.oldest() <= atMs - windowMs) {
      times.removeOldest();
    }
    boolean over = times.isFull();
    times.add(atMs);
    // Re-stored on every event, so the map's oldest end is the least recently active IP.
    windows.put(ip, times, atMs);
    return over;
  }

  void expire(long nowMs) {
    windows.expire(nowMs);
  }

  int size() {
    return windows.size();
  }
}
