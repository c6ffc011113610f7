package dev.gavel.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning that a client can cause at will (malformed requests): one line per interval at most,
 * saying how many more were left out, and never a stack trace, so bad traffic cannot flood the log.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  public RateLimitedLog(Logger log, long interval, TimeUnit unit) {
    this.log = log;
    this.intervalNanos = unit.toNanos(interval);
  }

  /** Logs {@code message} (with {} for the count left out since the last line) unless one was logged within the interval. */
  public void warn(String message, Object detail) {
    long now = System.nanoTime();
    long next = nextAt.get();
    if ((next == Long.MIN_VALUE || now - next >= 0) && nextAt.compareAndSet(next, now + intervalNanos)) {
      log.warn(message + " ({} more like it since the last line)", detail, suppressed.getAndSet(0));
    } else {
      suppressed.incrementAndGet();
    }
  }
}
