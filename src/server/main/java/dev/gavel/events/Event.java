package dev.gavel.events;

/** What every event carries, whatever its type. */
public sealed interface Event permits AuctionEvent, TrackingEvent, FraudVerdict {
  String type();

  int schemaVersion();

  String eventId();

  String auctionId();

  String traceId();
}
