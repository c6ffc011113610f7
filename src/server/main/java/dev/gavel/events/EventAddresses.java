package dev.gavel.events;

/** Event-bus addresses shared by the two sides. */
public final class EventAddresses {
  /** Serving verticles send {@link EventEnvelope}s here; the Kafka publisher consumes them. */
  public static final String PUBLISH = "gavel.events.publish";

  private EventAddresses() {}
}
