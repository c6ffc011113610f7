package dev.gavel.pipeline.kafka;

import dev.gavel.config.KafkaConfig;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;

/**
 * Which Kafka topic carries which event type: the one place the two meet. The serving side hands
 * over events by type ({@link dev.gavel.events.EventEnvelope#type}); the publisher sends each to
 * its topic, and the consumers read each topic as its type.
 */
public final class EventTopics {
  private final KafkaConfig.Topics topics;

  public EventTopics(KafkaConfig.Topics topics) {
    this.topics = topics;
  }

  /**
   * The topic of an event type. A spool written before envelopes carried types holds topic names:
   * one of the configured topics is answered as it is.
   *
   * @throws IllegalArgumentException for anything else
   */
  public String topicOf(String type) {
    return switch (type) {
      case AuctionEvent.TYPE -> topics.auctions();
      case TrackingEvent.TYPE -> topics.tracking();
      case FraudVerdict.TYPE -> topics.verdicts();
      default -> {
        if (typeOf(type) != null) {
          yield type;
        }
        throw new IllegalArgumentException("no topic carries events of type '" + type + "'");
      }
    };
  }

  /** The event type a topic carries, or null when it carries none. */
  public String typeOf(String topic) {
    if (topic.equals(topics.auctions())) {
      return AuctionEvent.TYPE;
    }
    if (topic.equals(topics.tracking())) {
      return TrackingEvent.TYPE;
    }
    if (topic.equals(topics.verdicts())) {
      return FraudVerdict.TYPE;
    }
    return null;
  }
}
