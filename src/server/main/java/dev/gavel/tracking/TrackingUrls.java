package dev.gavel.tracking;

import dev.gavel.auction.WinnerTracking;
import dev.gavel.config.TrackingConfig;
import dev.gavel.events.TrackingEvent;

/**
 * Builds the signed tracking URLs of a winning bid: {@code {publicBaseUrl}/event?t=<token>}.
 * Tokens are URL-safe as they are (base64url and dots), so no encoding is needed. This is the
 * auction's {@link WinnerTracking}.
 */
public final class TrackingUrls implements WinnerTracking {
  /** Tokens over 4096 characters are refused by /event; a forwarded notice URL rides inside one. */
  static final int MAX_FORWARDED_URL = 2048;

  private final TrackingConfig config;
  private final TokenSigner signer;
  private final String eventUrlPrefix;

  public TrackingUrls(TrackingConfig config, TokenSigner signer) {
    this.config = config;
    this.signer = signer;
    this.eventUrlPrefix = config.publicBaseUrl() + TrackingRoutes.PATH + "?t=";
  }

  public String winUrl(TrackingToken token) {
    return url(token, TrackingEvent.WIN);
  }

  public String impressionUrl(TrackingToken token) {
    return url(token, TrackingEvent.IMPRESSION);
  }

  public String clickUrl(TrackingToken token) {
    return url(token, TrackingEvent.CLICK);
  }

  @Override
  public Urls issue(TrackedWin winner) {
    return forWinner(winner, System.currentTimeMillis());
  }

  /** The winner's URLs, issued at {@code nowMs}; clicks live longer (clickTtlSeconds) than the rest. */
  public Urls forWinner(TrackedWin winner, long nowMs) {
    if ((winner.campaignId() == null) == (winner.bidder() == null)) {
      throw new IllegalArgumentException("a winner is either a campaign or an external bidder");
    }
    long expires = nowMs + config.ttlSeconds() * 1000L;
    // Only an external winner's own notices are forwarded; a campaign has no one to notify.
    boolean external = winner.bidder() != null;
    String win = winUrl(token(winner, TrackingEvent.WIN, nowMs, expires, external ? forwardable(winner.nurl()) : null, null));
    String impression = impressionUrl(
        token(winner, TrackingEvent.IMPRESSION, nowMs, expires, external ? forwardable(winner.burl()) : null, null));
    String click = null;
    if (!external && winner.landingUrl() != null) {
      long clickExpires = nowMs + config.clickTtlSeconds() * 1000L;
      click = clickUrl(token(winner, TrackingEvent.CLICK, nowMs, clickExpires, null, winner.landingUrl()));
    }
    return new Urls(win, impression, click);
  }

  /** A notice URL short enough to travel inside a token /event will accept; else it is not forwarded. */
  private static String forwardable(String url) {
    return url != null && url.length() <= MAX_FORWARDED_URL ? url : null;
  }

  private static TrackingToken token(TrackedWin w, String kind, long issued, long expires, String notifyUrl, String landingUrl) {
    return new TrackingToken(kind, w.auctionId(), w.impId(), w.bidId(), w.seat(), w.campaignId(), w.bidder(),
        w.clearingMicros(), w.currency(), issued, expires, w.traceId(), notifyUrl, landingUrl, w.test(), w.frequencyKey());
  }

  private String url(TrackingToken token, String expectedKind) {
    if (!expectedKind.equals(token.kind())) {
      throw new IllegalArgumentException("expected a " + expectedKind + " token, got " + token.kind());
    }
    return eventUrlPrefix + signer.sign(token);
  }
}
