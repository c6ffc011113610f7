package dev.gavel.events;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * How the serving side hands an event over: one event-bus send, no waiting. The Kafka publisher
 * verticle takes it from there (and picks its topic); the request path never sees Kafka.
 */
public final class EventBusSink {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setCodecName(EventEnvelopeCodec.NAME).setLocalOnly(true);

  private final Vertx vertx;

  public EventBusSink(Vertx vertx) {
    this.vertx = vertx;
  }

  public void publish(Event event) {
    vertx.eventBus().send(EventAddresses.PUBLISH, EventEnvelope.of(event), LOCAL);
  }

  /** Registers the envelope codec; called once per Vert.x instance, before any verticle sends. */
  public static void registerCodec(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(EventEnvelope.class, new EventEnvelopeCodec());
  }
}
