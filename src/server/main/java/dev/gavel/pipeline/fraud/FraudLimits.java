package dev.gavel.pipeline.fraud;

/**
 * How much the detector remembers, and for how long (all times are event time). Every cap is a
 * count of entries per detector instance; the class comment of {@link InvalidTrafficDetector}
 * gives the memory each entry costs.
 *
 * @param unknownAuctionGraceMs how long a tracking event waits for its auction to arrive on the
 *     other topic before it is judged to have none
 * @param clockSlackMs tolerated skew between the clocks and topics that stamp events: an absence is
 *     only trusted for events issued this long after the detector's memory begins
 * @param stateRetentionMs how long tokens, impressions and auctions are remembered; at least the
 *     longest token TTL (clicks), or a late reuse or click escapes the rules that need them
 * @param maxTokens token ids remembered for {@code ivt.duplicate_token}
 * @param maxImpressions (auction, imp, bid) impressions remembered for {@code ivt.click_without_impression}
 * @param maxAuctions auction ids remembered for {@code ivt.unknown_auction}
 * @param maxPendingChecks tracking events waiting for their auction; beyond this the oldest check
 *     is dropped unjudged (counted), rather than flagged on too little evidence
 * @param maxIps IP addresses with a sliding window for {@code ivt.ip_rate}
 * @param maxRememberedEvents event ids whose verdicts are remembered, so a redelivered event gets
 *     the same answer without counting twice
 */
public record FraudLimits(
    long unknownAuctionGraceMs,
    long clockSlackMs,
    long stateRetentionMs,
    int maxTokens,
    int maxImpressions,
    int maxAuctions,
    int maxPendingChecks,
    int maxIps,
    int maxRememberedEvents) {

  public FraudLimits {
    if (unknownAuctionGraceMs < 0 || clockSlackMs < 0 || stateRetentionMs < 1) {
      throw new IllegalArgumentException("grace and slack must be >= 0 and retention positive");
    }
    if (Math.min(Math.min(maxTokens, maxImpressions), Math.min(Math.min(maxAuctions, maxPendingChecks),
        Math.min(maxIps, maxRememberedEvents))) < 1) {
      throw new IllegalArgumentException("every fraud state cap must be positive");
    }
  }

  /** 30 s grace, 60 s slack, 24 h retention (the default click TTL): a few hundred MB at worst. */
  public static FraudLimits defaults() {
    return new FraudLimits(30_000, 60_000, 24 * 3600_000L,
        200_000, 200_000, 500_000, 50_000, 100_000, 100_000);
  }
}
