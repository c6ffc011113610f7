package dev.gavel.auction;

/**
 * Issues the tracking URLs of a winning bid (win notice, billable impression, click). The auction
 * only knows this interface; the signed-token implementation lives in the tracking package.
 */
@FunctionalInterface
public interface WinnerTracking {

  /**
   * @param campaignId the winning campaign, or null for an external bidder
   * @param bidder the external bidder, or null for a campaign
   * @param nurl the external bid's own win notice (macros substituted), to be forwarded; may be null
   * @param burl the external bid's own billing notice, to be forwarded; may be null
   * @param landingUrl the campaign's click-through URL; null for external bidders
   * @param test a test auction's winner ({@code test=1}): its impressions are never billed
   * @param frequencyKey a capped campaign's user (hashed), for billing to report its impressions by; else null
   */
  record TrackedWin(String auctionId, String impId, String bidId, String seat, String campaignId, String bidder,
                long clearingMicros, String currency, String traceId, String nurl, String burl, String landingUrl,
                boolean test, String frequencyKey) {

    public TrackedWin(String auctionId, String impId, String bidId, String seat, String campaignId, String bidder,
                  long clearingMicros, String currency, String traceId, String nurl, String burl, String landingUrl,
                  boolean test) {
      this(auctionId, impId, bidId, seat, campaignId, bidder, clearingMicros, currency, traceId, nurl, burl, landingUrl, test, null);
    }

    /** A live auction's winner. */
    public TrackedWin(String auctionId, String impId, String bidId, String seat, String campaignId, String bidder,
                  long clearingMicros, String currency, String traceId, String nurl, String burl, String landingUrl) {
      this(auctionId, impId, bidId, seat, campaignId, bidder, clearingMicros, currency, traceId, nurl, burl, landingUrl, false);
    }
  }

  /** @param click null when there is no click to track (external bidders track their own) */
  record Urls(String win, String impression, String click) {}

  Urls issue(TrackedWin winner);
}
