package dev.gavel.auction;

import dev.gavel.auction.privacy.Rule;
import java.util.List;

/**
 * What one external bidder did in one auction: its valid bids, the bids Gavel refused and why,
 * and how long it took, and what privacy rules removed from the request it saw. A bidder's failure
 * is recorded here and never breaks the auction.
 */
public record BidderOutcome(
    String bidder, Status status, long latencyMs, String error, List<CandidateBid> bids, List<RejectedBid> rejected,
    List<Rule> privacy, List<BidWarning> warnings) {

  public BidderOutcome(String bidder, Status status, long latencyMs, String error, List<CandidateBid> bids, List<RejectedBid> rejected) {
    this(bidder, status, latencyMs, error, bids, rejected, List.of(), List.of());
  }

  /** The same outcome, with what privacy rules removed from the request this bidder saw. */
  public BidderOutcome withPrivacy(List<Rule> rules) {
    return new BidderOutcome(bidder, status, latencyMs, error, bids, rejected, List.copyOf(rules), warnings);
  }

  public enum Status {
    BID, NO_BID, TIMEOUT, ERROR, SKIPPED,
    /** Not called: its concurrency budget (or its connection pool) was used up. */
    THROTTLED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A bid refused before the auction, with its OpenRTB loss reason. */
  public record RejectedBid(String bidId, String impId, int lossReason, String why) {}

  /** A bid that failed a creative check its bidder is only warned about: it competed anyway. */
  public record BidWarning(String bidId, String check, String why) {}

  public static BidderOutcome failed(String bidder, Status status, long latencyMs, String error) {
    return new BidderOutcome(bidder, status, latencyMs, error, List.of(), List.of());
  }
}
