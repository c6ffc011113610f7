package dev.gavel.events;

import dev.gavel.config.KafkaConfig;
import dev.gavel.events.EventJson.BadEventException;

/** Reads a Kafka record's value as the event its topic carries. */
public final class EventDecoder {
  private final KafkaConfig.Topics topics;
  private final boolean auctionHeadersOnly;

  public EventDecoder(KafkaConfig.Topics topics) {
    this(topics, false);
  }

  /** @param auctionHeadersOnly read only the ids and time of auction events (see {@link EventJson#readAuctionHeader}) */
  public EventDecoder(KafkaConfig.Topics topics, boolean auctionHeadersOnly) {
    this.topics = topics;
    this.auctionHeadersOnly = auctionHeadersOnly;
  }

  public Event decode(String topic, byte[] value) throws BadEventException {
    if (value == null) {
      throw new BadEventException("empty record value", null);
    }
    if (topic.equals(topics.auctions())) {
      if (auctionHeadersOnly) {
        return EventJson.readAuctionHeader(value);
      }
      return EventJson.read(value, AuctionEvent.class, AuctionEvent.TYPE, AuctionEvent.SCHEMA_VERSION);
    }
    if (topic.equals(topics.tracking())) {
      return EventJson.read(value, TrackingEvent.class, TrackingEvent.TYPE, TrackingEvent.SCHEMA_VERSION);
    }
    if (topic.equals(topics.verdicts())) {
      return EventJson.read(value, FraudVerdict.class, FraudVerdict.TYPE, FraudVerdict.SCHEMA_VERSION);
    }
    throw new BadEventException("no event type is published on topic " + topic, null);
  }
}
