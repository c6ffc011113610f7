package dev.gavel.tracking;

import dev.gavel.events.TrackingEvent;
import java.util.Objects;

/**
 * What a signed tracking URL carries: enough about one winning bid to turn a hit into a
 * {@link TrackingEvent} without looking anything up, so the /event endpoint needs no state.
 *
 * @param kind {@link TrackingEvent#WIN}, {@link TrackingEvent#IMPRESSION} or {@link TrackingEvent#CLICK}
 * @param campaignId Gavel's campaign, or null when an external bidder won
 * @param bidder the external bidder that won, or null for a campaign
 * @param priceMicros the clearing price (CPM) in micros of {@code currency}
 * @param notifyUrl for an external winner, its own nurl (win) or burl (impression), macros
 *     already substituted, which Gavel calls server-side; otherwise null
 * @param landingUrl where a click redirects; null for other kinds
 * @param test the auction was a test ({@code test=1}): the hit is recorded but never billed
 * @param frequencyKey a frequency-capped campaign's user, hashed; null otherwise
 */
public record TrackingToken(
    String kind,
    String auctionId,
    String impId,
    String bidId,
    String seat,
    String campaignId,
    String bidder,
    long priceMicros,
    String currency,
    long issuedAtMs,
    long expiresAtMs,
    String traceId,
    String notifyUrl,
    String landingUrl,
    boolean test,
    String frequencyKey) {

  public TrackingToken {
    if (!TrackingEvent.WIN.equals(kind) && !TrackingEvent.IMPRESSION.equals(kind) && !TrackingEvent.CLICK.equals(kind)) {
      throw new IllegalArgumentException("unknown tracking kind: " + kind);
    }
    Objects.requireNonNull(auctionId, "auctionId");
    Objects.requireNonNull(impId, "impId");
    Objects.requireNonNull(bidId, "bidId");
    Objects.requireNonNull(seat, "seat");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(traceId, "traceId");
    // Non-negative numbers let the codec use plain unsigned varints.
    if (priceMicros < 0 || issuedAtMs < 0 || expiresAtMs < issuedAtMs) {
      throw new IllegalArgumentException("price and times must be non-negative and expiry after issue");
    }
  }

  public TrackingToken(String kind, String auctionId, String impId, String bidId, String seat, String campaignId, String bidder,
                       long priceMicros, String currency, long issuedAtMs, long expiresAtMs, String traceId, String notifyUrl,
                       String landingUrl, boolean test) {
    this(kind, auctionId, impId, bidId, seat, campaignId, bidder, priceMicros, currency, issuedAtMs, expiresAtMs, traceId,
        notifyUrl, landingUrl, test, null);
  }

  /** A live (billable) token. */
  public TrackingToken(String kind, String auctionId, String impId, String bidId, String seat, String campaignId, String bidder,
                       long priceMicros, String currency, long issuedAtMs, long expiresAtMs, String traceId, String notifyUrl,
                       String landingUrl) {
    this(kind, auctionId, impId, bidId, seat, campaignId, bidder, priceMicros, currency, issuedAtMs, expiresAtMs, traceId,
        notifyUrl, landingUrl, false, null);
  }

  public boolean expiredAt(long nowMs) {
    return nowMs >= expiresAtMs;
  }
}
