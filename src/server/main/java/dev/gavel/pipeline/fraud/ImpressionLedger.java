package dev.gavel.pipeline.fraud;

import dev.gavel.events.TrackingEvent;

/** The impressions seen per (auction, imp, bid), for {@code ivt.click_without_impression}. */
final class ImpressionLedger {

  /** Whether a click had an impression before it, or whether the ledger cannot tell. */
  enum ClickCheck { HAD_IMPRESSION, NO_IMPRESSION, CANNOT_TELL }

  private final BoundedEventTimeMap<String, Boolean> impressions;
  private final long clockSlackMs;

  ImpressionLedger(int maxImpressions, long retentionMs, long clockSlackMs) {
    this.impressions = new BoundedEventTimeMap<>(maxImpressions, retentionMs);
    this.clockSlackMs = clockSlackMs;
  }

  /** Every tracking event passes here, so the ledger knows from when its memory is complete. */
  void observed(TrackingEvent event) {
    impressions.observed(event.receivedAtMs());
  }

  void recordImpression(TrackingEvent impression) {
    String key = key(impression);
    if (impressions.get(key) == null) {
      impressions.put(key, Boolean.TRUE, impression.receivedAtMs());
    }
  }

  /**
   * A click's impression, if any, came after its token was issued; so its absence proves something
   * only if the ledger remembers everything since then (it was not evicted, nor seen before a restart).
   */
  ClickCheck check(TrackingEvent click) {
    if (impressions.get(key(click)) != null) {
      return ClickCheck.HAD_IMPRESSION;
    }
    return impressions.remembers(click.issuedAtMs() - clockSlackMs) ? ClickCheck.NO_IMPRESSION : ClickCheck.CANNOT_TELL;
  }

  void expire(long nowMs) {
    impressions.expire(nowMs);
  }

  int size() {
    return impressions.size();
  }

  private static String key(TrackingEvent e) {
    // NUL cannot occur in the ids, so the joined key is unambiguous.
    return e.auctionId() + '\0' + e.impId() + '\0' + e.bidId();
  }
}
