package dev.gavel.tools.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads Gavel's reports (campaign spend, invalid traffic by rule). They show what the event
 * pipeline has made durable, so after a run they keep changing for a while: {@link #settle} polls
 * until they stop.
 */
final class Reports {
  /**
   * @param campaigns each campaign's report row by campaign id
   * @param verdicts verdict counts by rule id, then by event kind
   */
  record Snapshot(Map<String, JsonObject> campaigns, Map<String, Map<String, Long>> verdicts) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

    long total(String field) {
      return campaigns.values().stream().mapToLong(c -> c.getLong(field, 0L)).sum();
    }

    long verdictTotal() {
      return verdicts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }
  }

  private static final long POLL_MS = 1_000;
  private static final int STABLE_POLLS = 3;

  private final HttpClient http;
  private final URI base;

  Reports(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** The sum of a counter on Gavel's /metrics over all its labels, or -1 when it cannot be read. */
  double metric(String name) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      double total = 0;
      for (String line : r.body().split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return total;
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The reports now, or null when they cannot be read. */
  Snapshot fetch() {
    try {
      JsonObject campaigns = get("/api/reports/campaigns");
      JsonObject fraud = get("/api/reports/fraud");
      Map<String, JsonObject> byId = new TreeMap<>();
      JsonArray rows = campaigns.getJsonArray("campaigns", new JsonArray());
      for (int i = 0; i < rows.size(); i++) {
        byId.put(rows.getJsonObject(i).getString("campaignId"), rows.getJsonObject(i));
      }
      Map<String, Map<String, Long>> verdicts = new TreeMap<>();
      JsonArray rules = fraud.getJsonArray("rules", new JsonArray());
      for (int i = 0; i < rules.size(); i++) {
        JsonObject r = rules.getJsonObject(i);
        verdicts.computeIfAbsent(r.getString("ruleId"), k -> new TreeMap<>()).put(r.getString("eventKind"), r.getLong("verdicts", 0L));
      }
      return new Snapshot(byId, verdicts);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Polls until the reports have not changed for a few seconds and {@code ready} holds, or
   * {@code maxSeconds} have passed; returns the last snapshot read (null if none could be).
   */
  Snapshot settle(int maxSeconds, Snapshot baseline, Predicate<Snapshot> ready) throws InterruptedException {
    long until = System.currentTimeMillis() + maxSeconds * 1000L;
    Snapshot last = null;
    int unchanged = 0;
    while (true) {
      Snapshot now = fetch();
      if (now != null && now.equals(last)) {
        unchanged++;
      } else {
        unchanged = 0;
        if (now != null) {
          System.out.printf("  pipeline: %,d impressions billed, %,d clicks, %,d invalid-traffic verdicts%n",
              now.total("impressions") - baseline.total("impressions"), now.total("clicks") - baseline.total("clicks"),
              now.verdictTotal() - baseline.verdictTotal());
        }
      }
      last = now == null ? last : now;
      if (unchanged >= STABLE_POLLS && ready.test(last)) {
        return last;
      }
      if (System.currentTimeMillis() >= until) {
        System.out.println("  (still changing after " + maxSeconds + " s: showing the latest numbers)");
        return last;
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MS);
    }
  }

  private JsonObject get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return new JsonObject(response.body());
  }
}
