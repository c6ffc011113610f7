package dev.gavel.tools.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 2, the deadline at every load: one warm Gavel loaded at a sweep of constant offered
 * rates (open model, latency from the intended send time), then at ten times the highest rate it
 * sustained (every answer in time, under 1% shed). Per rate: late answers (after tmax + 20 ms, at
 * the client), Gavel's own late counter, latency percentiles, the share shed, and goodput (bids
 * answered in time per second). The client first warms its own JIT against a bare in-process
 * server, and at the top rate the same client is pointed at a bare server again: if it cannot
 * keep that rate there, the figures at that rate measure the client, and the report says so. The
 * 10x step runs only if the client alone keeps that rate against a bare server.
 */
final class Sweep {
  private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);
  static final double SUSTAINED_MAX_SHED = 0.01;

  private Sweep() {}

  static JsonObject run(Args a) throws Exception {
    int port = a.integer("port", 18080);
    int tmax = a.integer("tmax", 200);
    double lateMs = a.decimal("late-ms", tmax + 20);
    List<Double> rates = Arrays.stream(a.string("rates", "300,1000,3000,10000").split(",")).map(Double::parseDouble).toList();
    long warmupMs = (long) (a.decimal("warmup-s", 3) * 1000);
    long durationMs = (long) (a.decimal("duration-s", 15) * 1000);
    long settleMs = (long) (a.decimal("settle-s", 5) * 1000);
    double maxRate = a.decimal("max-rate", 100_000);
    int connections = a.integer("connections", 2048);
    int lanes = a.integer("lanes", 2);
    RequestSource source = RequestSource.auctions(AuctionBodies.build(512, tmax, 7));

    JsonArray steps = new JsonArray();
    long selfWarmMs = (long) (a.decimal("self-warm-s", 8) * 1000);
    for (double rate : rates) {
      steps.add(step(port, source, rate, connections, warmupMs, durationMs, lateMs, lanes, selfWarmMs));
      selfWarmMs = 0; // the client's JIT stays warm for the rest of the sweep
      Thread.sleep(settleMs);
    }
    double sustained = sustained(steps);
    double tenX = Math.min(maxRate, 10 * sustained);
    JsonObject result = new JsonObject().put("tmaxMs", tmax).put("lateMs", lateMs).put("sustainedRate", sustained)
        .put("tenXRate", tenX).put("connections", connections);
    double top = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (sustained > 0 && rates.stream().noneMatch(r -> r == tenX)) {
      // Measure the measurement first: a rate the client alone cannot keep says nothing about Gavel.
      JsonObject check = clientCheck(source, tenX, connections, warmupMs, durationMs, lateMs, lanes);
      if (check.getLong("late") == 0) {
        steps.add(step(port, source, tenX, connections, warmupMs, durationMs, lateMs, lanes, 0));
        top = Math.max(top, tenX);
      } else {
        LOG.info("10x the sustained rate ({}/s) is not measurable here: the client alone falls behind", (long) tenX);
        result.put("tenXClientCheck", check);
      }
      Thread.sleep(settleMs);
    }
    result.put("steps", steps);
    result.put("clientCheck", clientCheck(source, top, connections, warmupMs, durationMs, lateMs, lanes));
    return result;
  }

  /** The highest offered rate that was answered in full in time: no late answer, no error, under 1% shed. */
  static double sustained(JsonArray steps) {
    double best = 0;
    for (int i = 0; i < steps.size(); i++) {
      JsonObject s = steps.getJsonObject(i);
      if (s.getLong("late") == 0 && s.getLong("errors") == 0 && s.getDouble("shedShare") < SUSTAINED_MAX_SHED) {
        best = Math.max(best, s.getDouble("rate"));
      }
    }
    return best;
  }

  private static JsonObject step(int port, RequestSource source, double rate, int connections, long warmupMs, long durationMs,
                                 double lateMs, int lanes, long selfWarmMs) throws Exception {
    LoadPlan plan = new LoadPlan(LoadPlan.Mode.OPEN, "127.0.0.1", port, source, rate, connections, warmupMs, durationMs, 0,
        5_000, lateMs, null, true);
    double lateBefore = Metrics.sum(port, "gavel_auction_late_responses_total");
    double shedBefore = Metrics.sum(port, "gavel_auction_shed_total");
    JsonObject r = LoadRun.run(plan, lanes, selfWarmMs);
    double seconds = durationMs / 1000.0;
    long completed = r.getLong("completed");
    r.put("gavelLate", Metrics.sum(port, "gavel_auction_late_responses_total") - lateBefore)
        .put("gavelShed", Metrics.sum(port, "gavel_auction_shed_total") - shedBefore)
        .put("shedShare", completed == 0 ? 0 : (double) r.getLong("shed") / completed)
        .put("goodput", Recorder.round(r.getLong("bidsInTime") / seconds));
    LOG.info("sweep {}/s: late {} (Gavel {}), p50 {} p99 {} p99.9 {} max {} ms, shed {}%, goodput {}/s, client send lag p99 {} ms",
        (long) rate, r.getLong("late"), (long) r.getDouble("gavelLate").doubleValue(), r.getDouble("p50Ms"), r.getDouble("p99Ms"),
        r.getDouble("p999Ms"), r.getDouble("maxMs"), Math.round(r.getDouble("shedShare") * 1000) / 10.0, r.getDouble("goodput"),
        r.getDouble("clientSendLagP99Ms"));
    return r;
  }

  /** The same client at the top rate against a bare server in its own event loops: what the client alone can do. */
  private static JsonObject clientCheck(RequestSource source, double rate, int connections, long warmupMs, long durationMs,
                                        double lateMs, int lanes) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<BaselineServer> servers = new ArrayList<>();
      vertx.deployVerticle(() -> {
        BaselineServer s = new BaselineServer(0, BaselineServer.fixedResponse().toBuffer());
        servers.add(s);
        return s;
      }, new DeploymentOptions().setInstances(1)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      LoadPlan plan = new LoadPlan(LoadPlan.Mode.OPEN, "127.0.0.1", servers.get(0).actualPort(), source, rate, connections,
          warmupMs, durationMs, 0, 5_000, lateMs, null, false);
      JsonObject r = LoadRun.run(plan, lanes, 0);
      LOG.info("client check at {}/s against a bare server: p99 {} ms, max {} ms, send lag p99 {} ms", (long) rate,
          r.getDouble("p99Ms"), r.getDouble("maxMs"), r.getDouble("clientSendLagP99Ms"));
      return r;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
