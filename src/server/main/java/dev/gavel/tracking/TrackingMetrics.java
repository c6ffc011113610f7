package dev.gavel.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tracking's counters, looked up once per tag value and cached so a hit only increments. */
final class TrackingMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> events = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
  private final Map<String, Counter> notices = new ConcurrentHashMap<>();

  TrackingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void event(String kind) {
    events.computeIfAbsent(kind, k -> Counter.builder("gavel.tracking.events")
        .description("Verified tracking hits turned into events, by kind").tag("kind", k).register(registry)).increment();
  }

  void rejected(String reason) {
    rejections.computeIfAbsent(reason, r -> Counter.builder("gavel.tracking.rejected")
        .description("Tracking hits refused, by reason; none became an event").tag("reason", r).register(registry)).increment();
  }

  void notice(boolean ok) {
    notices.computeIfAbsent(ok ? "ok" : "failed", r -> Counter.builder("gavel.tracking.notices")
        .description("External bidders' win and billing notices forwarded, by final result").tag("result", r)
        .register(registry)).increment();
  }
}
