package dev.gavel.events;

/**
 * One event on its way out: its type (the publisher knows which topic carries it), the record key
 * (the auction id, so everything about one auction stays in one partition, in order), the trace
 * id, and the JSON value, written once. Travels the event bus by reference (local codec), never
 * re-encoded.
 */
public record EventEnvelope(String type, String key, String traceId, byte[] value) {

  /** The envelope of an event: keyed by its auction, its JSON written here, once. */
  public static EventEnvelope of(Event event) {
    return new EventEnvelope(event.type(), event.auctionId(), event.traceId(), EventJson.write(event));
  }
}
