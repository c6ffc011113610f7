package dev.gavel.auction.campaign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each user has seen each frequency-capped campaign: the times of their recent
 * impressions, counted when this node's auction wins (at once) and when billing reports an
 * impression won on any node (the spend feed), each bid once. Bounded: the least recently seen
 * users are forgotten beyond {@code maxEntries} (a forgotten user can see a capped campaign again
 * early; {@code gavel_frequency_evictions_total} says whether that happens). Shared by the event
 * loops and the spend feed, so synchronized; each call is a map lookup.
 */
public final class FrequencyCounts {
  private static final int COUNTED_BIDS = 100_000;

  /** One user's impressions of one campaign, newest last; grows up to {@link Delivery.FrequencyCap#MAX_IMPRESSIONS}. */
  private static final class Seen {
    long[] times = new long[2];
    int size;

    void add(long atMillis) {
      if (size == times.length) {
        if (size < Delivery.FrequencyCap.MAX_IMPRESSIONS) {
          times = java.util.Arrays.copyOf(times, Math.min(Delivery.FrequencyCap.MAX_IMPRESSIONS, size * 2));
        } else {
          System.arraycopy(times, 1, times, 0, size - 1); // the oldest goes
          size--;
        }
      }
      times[size++] = atMillis;
    }

    int since(long fromMillis) {
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (times[i] >= fromMillis) {
          n++;
        }
      }
      return n;
    }
  }

  private final Map<String, Seen> seen;
  /** Bids already counted, so that a win counted here is not counted again when billing reports it. */
  private final Map<String, Boolean> counted = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > COUNTED_BIDS;
    }
  };
  private long evictions;

  public FrequencyCounts(int maxEntries) {
    this.seen = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
        if (size() > maxEntries) {
          evictions++;
          return true;
        }
        return false;
      }
    };
  }

  private static String key(String campaignId, String userKey) {
    return campaignId + '|' + userKey;
  }

  /** Whether this user has had the cap's impressions of the campaign within its window. */
  public synchronized boolean reached(String campaignId, Delivery.FrequencyCap cap, String userKey, long nowMillis) {
    Seen s = seen.get(key(campaignId, userKey));
    return s != null && s.since(nowMillis - cap.perSeconds() * 1000) >= cap.impressions();
  }

  /** An impression of the campaign to this user, once per bid (a win here, then its billing, count once). */
  public synchronized void count(String bidId, String campaignId, String userKey, long atMillis) {
    if (counted.put(bidId, Boolean.TRUE) != null) {
      return;
    }
    seen.computeIfAbsent(key(campaignId, userKey), k -> new Seen()).add(atMillis);
  }

  public synchronized long evictions() {
    return evictions;
  }

  public synchronized int size() {
    return seen.size();
  }
}
