package dev.gavel.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Local-only codec: envelopes are immutable and cross event loops by reference. Gavel scales out
 * through Kafka, not a clustered event bus, so the wire methods are never used.
 */
public final class EventEnvelopeCodec implements MessageCodec<EventEnvelope, EventEnvelope> {
  public static final String NAME = "gavel-event-envelope";

  @Override
  public void encodeToWire(Buffer buffer, EventEnvelope envelope) {
    throw new UnsupportedOperationException("event envelopes are local to one process");
  }

  @Override
  public EventEnvelope decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("event envelopes are local to one process");
  }

  @Override
  public EventEnvelope transform(EventEnvelope envelope) {
    return envelope;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
