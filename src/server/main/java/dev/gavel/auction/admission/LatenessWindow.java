package dev.gavel.auction.admission;

import java.util.Arrays;

/**
 * The recent distribution of lateness samples (how long after its due time a timer ran, or an
 * answer left after its close) in 1 ms buckets, over two alternating halves of a window, so a
 * quantile always covers between one half and the whole window. One event loop writes and reads
 * it; not thread-safe.
 */
final class LatenessWindow {
  private static final int BUCKETS = 256; // 0..254 ms, and one for everything later
  private static final long MS = 1_000_000L;

  private final long halfNanos;
  private long[] current = new long[BUCKETS];
  private long[] previous = new long[BUCKETS];
  private long currentCount;
  private long previousCount;
  private long halfStartedNanos;

  LatenessWindow(long windowNanos, long nowNanos) {
    this.halfNanos = Math.max(1, windowNanos / 2);
    this.halfStartedNanos = nowNanos;
  }

  void record(long latenessNanos, long nowNanos) {
    rotate(nowNanos);
    int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, latenessNanos) / MS);
    current[bucket]++;
    currentCount++;
  }

  /**
   * The smallest lateness that at least {@code quantile} of the samples stay under, rounded up to
   * the bucket's upper edge; 0 with no samples.
   */
  long quantileNanos(double quantile, long nowNanos) {
    rotate(nowNanos);
    long total = currentCount + previousCount;
    if (total == 0) {
      return 0;
    }
    long wanted = (long) Math.ceil(quantile * total);
    long seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
      seen += current[b] + previous[b];
      if (seen >= wanted) {
        return (b + 1) * MS;
      }
    }
    return BUCKETS * MS;
  }

  private void rotate(long nowNanos) {
    long elapsed = nowNanos - halfStartedNanos;
    if (elapsed < halfNanos) {
      return;
    }
    if (elapsed >= 2 * halfNanos) {
      // Nothing for a whole window: no sample is recent any more.
      Arrays.fill(current, 0);
      Arrays.fill(previous, 0);
      previousCount = 0;
    } else {
      long[] reused = previous;
      previous = current;
      previousCount = currentCount;
      Arrays.fill(reused, 0);
      current = reused;
    }
    currentCount = 0;
    halfStartedNanos = nowNanos;
  }
}
