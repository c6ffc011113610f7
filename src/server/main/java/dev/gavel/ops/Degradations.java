package dev.gavel.ops;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the process is doing without right now (PostgreSQL, Kafka, fresh budgets), and how it
 * copes: shown under {@code degraded} in {@code /ready}. A degraded node still serves, so it stays
 * ready; the detail is for the SRE, not the load balancer. Any thread may set and clear.
 */
public final class Degradations {
  private record Entry(String how, Instant since) {}

  private final Map<String, Entry> current = new ConcurrentHashMap<>();
  private final Clock clock;

  public Degradations() {
    this(Clock.systemUTC());
  }

  public Degradations(Clock clock) {
    this.clock = clock;
  }

  /** {@code what} is degraded, coping as {@code how}; the first time it was set is kept as its start. */
  public void set(String what, String how) {
    current.compute(what, (k, old) -> new Entry(how, old == null ? clock.instant() : old.since()));
  }

  public void clear(String what) {
    current.remove(what);
  }

  public boolean isDegraded(String what) {
    return current.containsKey(what);
  }

  /** {@code {"kafka": {"how": "...", "since": "..."}}}, sorted by name; empty when all is well. */
  public JsonObject report() {
    JsonObject out = new JsonObject();
    new TreeMap<>(current).forEach((what, e) ->
        out.put(what, new JsonObject().put("how", e.how()).put("since", e.since().toString())));
    return out;
  }
}
