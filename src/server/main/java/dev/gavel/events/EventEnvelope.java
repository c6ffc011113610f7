package dev.gavel.events;

/**
 * One event on its way to Kafka: the topic, the record key (the auction id, so everything about
 * one auction stays in one partition, in order), the trace id (also sent as a record header), and
 * the JSON value. Travels the event bus by reference (local codec), never re-encoded.
 */
public record EventEnvelope(String topic, String key, String traceId, byte[] value) {}
