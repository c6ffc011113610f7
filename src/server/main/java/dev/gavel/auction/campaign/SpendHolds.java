package dev.gavel.auction.campaign;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Spend this node expects but billing has not reported yet: each campaign bid in an auction still
 * open holds its price, and a win holds it until billing says the impression is billed (or, for a
 * win never rendered, until the hold expires). Budget checks count it as spent, so a campaign near
 * the end of its budget stops bidding on what is in flight, not a feedback loop later. Shared by
 * every event loop of the node.
 */
public final class SpendHolds {
  private record Won(String campaignId, long micros, long atMillis) {}

  private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();
  private final Map<String, Won> won = new ConcurrentHashMap<>();
  private final long wonTtlMillis;
  private final LongSupplier clockMillis;
  private final AtomicLong lastExpiry = new AtomicLong();
  private static final long EXPIRY_INTERVAL_MILLIS = 1000;

  /** @param wonTtlMillis how long a win waits for its billing before its hold is dropped */
  public SpendHolds(long wonTtlMillis, LongSupplier clockMillis) {
    this.wonTtlMillis = wonTtlMillis;
    this.clockMillis = clockMillis;
  }

  /** What one impression of a campaign's bid costs at most: its CPM over a thousand, rounded up. */
  public static long impressionMicros(Campaign campaign) {
    return (campaign.bidCpmMicros() + 999) / 1000;
  }

  public long heldMicros(String campaignId) {
    AtomicLong h = held.get(campaignId);
    return h == null ? 0 : h.get();
  }

  /** A bid enters an auction. */
  public void hold(String campaignId, long micros) {
    held.computeIfAbsent(campaignId, k -> new AtomicLong()).addAndGet(micros);
  }

  /** A held bid lost, or its auction was one that is never billed. */
  public void release(String campaignId, long micros) {
    AtomicLong h = held.get(campaignId);
    if (h != null) {
      h.addAndGet(-micros);
    }
  }

  /** A held bid won: the hold stays until {@link #billed} names it, or it expires. */
  public void won(String bidId, String campaignId, long micros) {
    Won previous = won.put(bidId, new Won(campaignId, micros, clockMillis.getAsLong()));
    if (previous != null) { // the same bid id twice: keep one hold
      release(previous.campaignId(), previous.micros());
    }
  }

  /** Billing has counted this bid's impression in the spend it reports: its hold goes. */
  public void billed(String bidId) {
    Won w = won.remove(bidId);
    if (w != null) {
      release(w.campaignId(), w.micros());
    }
  }

  /** Drops the holds of wins older than the time-to-live (their impression never came). */
  public void expire() {
    long now = clockMillis.getAsLong();
    lastExpiry.set(now);
    long cutoff = now - wonTtlMillis;
    for (Iterator<Map.Entry<String, Won>> it = won.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Won> e = it.next();
      if (e.getValue().atMillis() < cutoff && won.remove(e.getKey(), e.getValue())) {
        release(e.getValue().campaignId(), e.getValue().micros());
      }
    }
  }

  /** Wins waiting for their billing. */
  public int pendingWins() {
    return won.size();
  }

  /**
   * Billed spend with this node's holds on top: what budget checks see. Taken once per auction, so
   * it also drops expired holds, once a second at most (no timer of its own to stop).
   */
  public BudgetView over(BudgetView billed) {
    long now = clockMillis.getAsLong();
    long last = lastExpiry.get();
    if (now - last >= EXPIRY_INTERVAL_MILLIS && lastExpiry.compareAndSet(last, now)) {
      expire();
    }
    return new BudgetView() {
      @Override
      public long spentTodayMicros(String campaignId) {
        return billed.spentTodayMicros(campaignId) + heldMicros(campaignId);
      }

      @Override
      public long spentTotalMicros(String campaignId) {
        return billed.spentTotalMicros(campaignId) + heldMicros(campaignId);
      }

      @Override
      public boolean known() {
        return billed.known();
      }
    };
  }
}
