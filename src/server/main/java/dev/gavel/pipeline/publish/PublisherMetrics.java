package dev.gavel.pipeline.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** The publisher's meters: what an SRE watches when Kafka is away. */
final class PublisherMetrics {
  final Counter sent;
  final Counter sendErrors;
  final Counter spooled;
  final Counter replayed;
  final Counter dropped;
  final Counter rejected;
  final Timer sendLatency;

  PublisherMetrics(MeterRegistry registry, Supplier<Number> inFlight, Supplier<Number> spoolBytes, Supplier<Number> spooling) {
    sent = Counter.builder("gavel.publisher.sent").description("Events acknowledged by Kafka").register(registry);
    sendErrors = Counter.builder("gavel.publisher.send.errors").description("Sends Kafka refused or timed out").register(registry);
    spooled = Counter.builder("gavel.publisher.spooled").description("Events written to the disk spool").register(registry);
    replayed = Counter.builder("gavel.publisher.replayed").description("Spooled events delivered to Kafka").register(registry);
    dropped = Counter.builder("gavel.publisher.dropped")
        .description("Events lost because the spool was full (spool.maxMegabytes); must stay at zero").register(registry);
    rejected = Counter.builder("gavel.publisher.rejected")
        .description("Events Kafka refused for good (too large, invalid topic, not authorised); logged").register(registry);
    sendLatency = Timer.builder("gavel.publisher.send.latency").description("From send to Kafka acknowledgement")
        .publishPercentileHistogram().register(registry);
    Gauge.builder("gavel.publisher.queue.depth", () -> inFlight.get()).description("Events sent, not yet acknowledged").register(registry);
    Gauge.builder("gavel.publisher.spool.bytes", () -> spoolBytes.get()).description("Bytes waiting in the disk spool").register(registry);
    Gauge.builder("gavel.publisher.spooling", () -> spooling.get()).description("1 while events go to the spool").register(registry);
  }
}
