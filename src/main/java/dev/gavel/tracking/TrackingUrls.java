package dev.gavel.tracking;

import dev.gavel.config.TrackingConfig;
import dev.gavel.events.TrackingEvent;

/**
 * Builds the signed tracking URLs of a winning bid: {@code {publicBaseUrl}/event?t=<token>}.
 * Tokens are URL-safe as they are (base64url and dots), so no encoding is needed.
 */
public final class TrackingUrls {
  private final TrackingConfig config;
  private final TokenSigner signer;
  private final String eventUrlPrefix;

  public TrackingUrls(TrackingConfig config, TokenSigner signer) {
    this.config = config;
    this.signer = signer;
    this.eventUrlPrefix = config.publicBaseUrl() + TrackingRoutes.PATH + "?t=";
  }

  /**
   * The facts of one winner that its URLs carry.
   *
   * @param campaignId the winning campaign, or null when an external bidder won
   * @param bidder the external bidder that won, or null for a campaign
   * @param nurl the external bid's win notice URL, macros substituted; null if none
   * @param burl the external bid's billing notice URL, macros substituted; null if none
   * @param landingUrl the campaign's click-through URL; null for external bidders
   */
  public record Winner(
      String auctionId, String impId, String bidId, String seat, String campaignId, String bidder,
      long clearingMicros, String currency, String traceId, String nurl, String burl, String landingUrl) {

    public Winner {
      if ((campaignId == null) == (bidder == null)) {
        throw new IllegalArgumentException("a winner is either a campaign or an external bidder");
      }
    }
  }

  /** @param click null unless a campaign with a landing URL won: external bidders track their own clicks */
  public record WinnerUrls(String win, String impression, String click) {}

  public String winUrl(TrackingToken token) {
    return url(token, TrackingEvent.WIN);
  }

  public String impressionUrl(TrackingToken token) {
    return url(token, TrackingEvent.IMPRESSION);
  }

  public String clickUrl(TrackingToken token) {
    return url(token, TrackingEvent.CLICK);
  }

  /** The winner's URLs, issued at {@code nowMs}; clicks live longer (clickTtlSeconds) than the rest. */
  public WinnerUrls forWinner(Winner winner, long nowMs) {
    long expires = nowMs + config.ttlSeconds() * 1000L;
    // Only an external winner's own notices are forwarded; a campaign has no one to notify.
    boolean external = winner.bidder() != null;
    String win = winUrl(token(winner, TrackingEvent.WIN, nowMs, expires, external ? winner.nurl() : null, null));
    String impression = impressionUrl(
        token(winner, TrackingEvent.IMPRESSION, nowMs, expires, external ? winner.burl() : null, null));
    String click = null;
    if (!external && winner.landingUrl() != null) {
      long clickExpires = nowMs + config.clickTtlSeconds() * 1000L;
      click = clickUrl(token(winner, TrackingEvent.CLICK, nowMs, clickExpires, null, winner.landingUrl()));
    }
    return new WinnerUrls(win, impression, click);
  }

  private static TrackingToken token(Winner w, String kind, long issued, long expires, String notifyUrl, String landingUrl) {
    return new TrackingToken(kind, w.auctionId(), w.impId(), w.bidId(), w.seat(), w.campaignId(), w.bidder(),
        w.clearingMicros(), w.currency(), issued, expires, w.traceId(), notifyUrl, landingUrl);
  }

  private String url(TrackingToken token, String expectedKind) {
    if (!expectedKind.equals(token.kind())) {
      throw new IllegalArgumentException("expected a " + expectedKind + " token, got " + token.kind());
    }
    return eventUrlPrefix + signer.sign(token);
  }
}
