package dev.gavel.auction.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Spend this node expects but billing has not reported yet: each campaign bid in an auction still
 * open holds its price, and a win holds it until billing says the impression is billed (or, for a
 * win never rendered, until the hold expires). Budget checks count it as spent, so a campaign near
 * the end of its budget stops bidding on what is in flight, not a feedback loop later. Shared by
 * every event loop of the node.
 */
public final class SpendHolds {
  private record Won(String campaignId, long micros) {}

  /**
   * Unbilled wins live in generations, newest first, each {@code wonTtlMillis / GENERATIONS}
   * long; the oldest is dropped whole as a new one starts. So an unbilled win is held from one
   * TTL to a quarter more, expiry touches only what expires, and a billed win costs nothing after.
   * (A walk over every win each second paused the event loop for rate times TTL entries.)
   */
  private static final int GENERATIONS = 4;

  private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();
  private final AtomicReference<List<Map<String, Won>>> generations;
  private final long generationMillis;
  private final LongSupplier clockMillis;
  private final AtomicLong generationStart;

  /** @param wonTtlMillis how long a win waits for its billing at least before its hold is dropped */
  public SpendHolds(long wonTtlMillis, LongSupplier clockMillis) {
    this.generationMillis = Math.max(1, wonTtlMillis / GENERATIONS);
    this.clockMillis = clockMillis;
    this.generationStart = new AtomicLong(clockMillis.getAsLong());
    List<Map<String, Won>> initial = new ArrayList<>();
    for (int i = 0; i <= GENERATIONS; i++) {
      initial.add(new ConcurrentHashMap<>());
    }
    this.generations = new AtomicReference<>(List.copyOf(initial));
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
    Won previous = generations.get().get(0).put(bidId, new Won(campaignId, micros));
    if (previous != null) { // the same bid id twice: keep one hold
      release(previous.campaignId(), previous.micros());
    }
  }

  /** Billing has counted this bid's impression in the spend it reports: its hold goes. */
  public void billed(String bidId) {
    for (Map<String, Won> generation : generations.get()) {
      Won w = generation.remove(bidId);
      if (w != null) {
        release(w.campaignId(), w.micros());
        return;
      }
    }
  }

  /**
   * Starts a new generation of wins for each one due since the last, dropping the holds of the
   * oldest each time: wins at least a TTL old whose impression never came. Any thread, any time.
   */
  public void expire() {
    long now = clockMillis.getAsLong();
    long start = generationStart.get();
    long due = (now - start) / generationMillis;
    long next = due > GENERATIONS ? now : start + due * generationMillis;
    if (due <= 0 || !generationStart.compareAndSet(start, next)) {
      return;
    }
    for (long i = Math.min(due, GENERATIONS + 1); i > 0; i--) {
      List<Map<String, Won>> before = generations.get();
      List<Map<String, Won>> after = new ArrayList<>(GENERATIONS + 1);
      after.add(new ConcurrentHashMap<>());
      after.addAll(before.subList(0, GENERATIONS));
      generations.set(List.copyOf(after));
      Map<String, Won> oldest = before.get(GENERATIONS);
      for (Map.Entry<String, Won> e : oldest.entrySet()) {
        if (oldest.remove(e.getKey(), e.getValue())) { // not billed meanwhile
          release(e.getValue().campaignId(), e.getValue().micros());
        }
      }
    }
  }

  /** Wins waiting for their billing. */
  public int pendingWins() {
    int pending = 0;
    for (Map<String, Won> generation : generations.get()) {
      pending += generation.size();
    }
    return pending;
  }

  /**
   * Billed spend with this node's holds on top: what budget checks see. Taken once per auction, so
   * it also turns the generations of wins when one is due (no timer of its own to stop).
   */
  public BudgetView over(BudgetView billed) {
    expire();
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
