package dev.gavel.pipeline.kafka;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.Event;
import dev.gavel.events.EventJson;
import dev.gavel.events.EventJson.BadEventException;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;

/** Reads a Kafka record's value as the event its topic carries. */
public final class EventDecoder {
  private final EventTopics topics;
  private final boolean auctionHeadersOnly;

  /** @param auctionHeadersOnly read only the ids and time of auction events (see {@link EventJson#readAuctionHeader}) */
  public EventDecoder(EventTopics topics, boolean auctionHeadersOnly) {
    this.topics = topics;
    this.auctionHeadersOnly = auctionHeadersOnly;
  }

  public Event decode(String topic, byte[] value) throws BadEventException {
    if (value == null) {
      throw new BadEventException("empty record value", null);
    }
    String type = topics.typeOf(topic);
    if (type == null) {
      throw new BadEventException("no event type is published on topic " + topic, null);
    }
    return switch (type) {
      case AuctionEvent.TYPE -> auctionHeadersOnly
          ? EventJson.readAuctionHeader(value)
          : EventJson.read(value, AuctionEvent.class, AuctionEvent.TYPE, AuctionEvent.SCHEMA_VERSION);
      case TrackingEvent.TYPE -> EventJson.read(value, TrackingEvent.class, TrackingEvent.TYPE, TrackingEvent.SCHEMA_VERSION);
      default -> EventJson.read(value, FraudVerdict.class, FraudVerdict.TYPE, FraudVerdict.SCHEMA_VERSION);
    };
  }
}
