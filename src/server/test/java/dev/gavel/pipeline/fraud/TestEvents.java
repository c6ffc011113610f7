package dev.gavel.pipeline.fraud;

import dev.gavel.events.TrackingEvent;

/** Tracking events for tests: a plausible browser hit on auction "a1", changed one field at a time. */
final class TestEvents {

  static final long T0 = 1_700_000_000_000L;
  static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

  private String eventId;
  private String auctionId = "a1";
  private String kind = TrackingEvent.IMPRESSION;
  private String impId = "imp1";
  private String bidId = "bid1";
  private String tokenId;
  private long issuedAtMs = T0;
  private long expiresAtMs = T0 + 3_600_000;
  private long receivedAtMs = T0 + 1_000;
  private String ip = "192.0.2.10";
  private String userAgent = CHROME;

  private TestEvents(String eventId, String kind) {
    this.eventId = eventId;
    this.kind = kind;
    this.tokenId = "token-" + eventId;
  }

  static TestEvents impression(String eventId) {
    return new TestEvents(eventId, TrackingEvent.IMPRESSION);
  }

  static TestEvents click(String eventId) {
    return new TestEvents(eventId, TrackingEvent.CLICK);
  }

  static TestEvents win(String eventId) {
    return new TestEvents(eventId, TrackingEvent.WIN);
  }

  TestEvents auction(String value) {
    auctionId = value;
    return this;
  }

  TestEvents bid(String value) {
    bidId = value;
    return this;
  }

  TestEvents token(String value) {
    tokenId = value;
    return this;
  }

  TestEvents issuedAt(long value) {
    issuedAtMs = value;
    return this;
  }

  TestEvents expiresAt(long value) {
    expiresAtMs = value;
    return this;
  }

  TestEvents receivedAt(long value) {
    receivedAtMs = value;
    return this;
  }

  TestEvents ip(String value) {
    ip = value;
    return this;
  }

  TestEvents userAgent(String value) {
    userAgent = value;
    return this;
  }

  TrackingEvent build() {
    return new TrackingEvent(TrackingEvent.TYPE, TrackingEvent.SCHEMA_VERSION, eventId, "trace-" + auctionId,
        auctionId, kind, impId, bidId, "seat1", "camp1", null, 2_500_000, "USD",
        issuedAtMs, expiresAtMs, receivedAtMs, tokenId, ip, userAgent);
  }
}
