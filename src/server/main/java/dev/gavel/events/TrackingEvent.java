package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A verified tracking hit: a win notice, a billable impression or a click. Only a hit whose
 * signed token checked out becomes one of these.
 *
 * @param kind {@link #WIN}, {@link #IMPRESSION} or {@link #CLICK}
 * @param tokenId a digest of the token itself: the same token used twice has the same id
 * @param campaignId Gavel's campaign, or null when an external bidder won
 * @param bidder the external bidder that won, or null for a campaign
 * @param priceMicros the clearing price (CPM) in micros of {@code currency}
 * @param test from a test auction ({@code test=1}): kept, never billed, not judged for fraud
 * @param frequencyKey a frequency-capped campaign's user, hashed (from its token), or null: billing
 *     reports the impression by it so that every serving node counts it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackingEvent(
    String type,
    int schemaVersion,
    String eventId,
    String traceId,
    String auctionId,
    String kind,
    String impId,
    String bidId,
    String seat,
    String campaignId,
    String bidder,
    long priceMicros,
    String currency,
    long issuedAtMs,
    long expiresAtMs,
    long receivedAtMs,
    String tokenId,
    String ip,
    String userAgent,
    boolean test,
    String frequencyKey) implements Event {

  public static final String TYPE = "tracking";
  public static final int SCHEMA_VERSION = 1;
  public static final String WIN = "win";
  public static final String IMPRESSION = "impression";
  public static final String CLICK = "click";

  public TrackingEvent(String type, int schemaVersion, String eventId, String traceId, String auctionId, String kind,
                       String impId, String bidId, String seat, String campaignId, String bidder, long priceMicros,
                       String currency, long issuedAtMs, long expiresAtMs, long receivedAtMs, String tokenId, String ip,
                       String userAgent, boolean test) {
    this(type, schemaVersion, eventId, traceId, auctionId, kind, impId, bidId, seat, campaignId, bidder, priceMicros, currency,
        issuedAtMs, expiresAtMs, receivedAtMs, tokenId, ip, userAgent, test, null);
  }

  /** A hit of a live auction (not a test). */
  public TrackingEvent(String type, int schemaVersion, String eventId, String traceId, String auctionId, String kind,
                       String impId, String bidId, String seat, String campaignId, String bidder, long priceMicros,
                       String currency, long issuedAtMs, long expiresAtMs, long receivedAtMs, String tokenId, String ip,
                       String userAgent) {
    this(type, schemaVersion, eventId, traceId, auctionId, kind, impId, bidId, seat, campaignId, bidder, priceMicros, currency,
        issuedAtMs, expiresAtMs, receivedAtMs, tokenId, ip, userAgent, false, null);
  }

  /** OpenRTB test mode: "auctions are not billable". */
  public boolean billable() {
    return IMPRESSION.equals(kind) && !test;
  }
}
