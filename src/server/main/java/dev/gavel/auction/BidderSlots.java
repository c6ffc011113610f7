package dev.gavel.auction;

import dev.gavel.config.BidderConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each external bidder's concurrency budget, shared by every event loop of the process: a call
 * takes a slot for as long as its HTTP exchange is open (late ones included, since they still
 * hold a connection) and an auction that finds none free skips the bidder at once.
 */
public final class BidderSlots {
  private final Map<String, Slot> slots = new HashMap<>();

  public BidderSlots(List<BidderConfig> bidders, MeterRegistry registry) {
    for (BidderConfig bidder : bidders) {
      Slot slot = new Slot(bidder.maxInFlight());
      slots.put(bidder.name(), slot);
      Gauge.builder("gavel.bidder.in.flight", slot.open, AtomicInteger::get)
          .description("Calls open to an external bidder, late ones included")
          .tag("bidder", bidder.name()).register(registry);
    }
  }

  /** Takes a slot for {@code bidder}; false when its budget is used up (or it has none here). */
  boolean tryAcquire(String bidder) {
    Slot slot = slots.get(bidder);
    if (slot == null) {
      return true; // the warm-up's loopback bidder has no budget to keep
    }
    while (true) {
      int open = slot.open.get();
      if (open >= slot.max) {
        return false;
      }
      if (slot.open.compareAndSet(open, open + 1)) {
        return true;
      }
    }
  }

  void release(String bidder) {
    Slot slot = slots.get(bidder);
    if (slot != null) {
      slot.open.decrementAndGet();
    }
  }

  int max(String bidder) {
    Slot slot = slots.get(bidder);
    return slot == null ? Integer.MAX_VALUE : slot.max;
  }

  private record Slot(int max, AtomicInteger open) {
    Slot(int max) {
      this(max, new AtomicInteger());
    }
  }
}
