package dev.gavel.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LoadPlan} on {@code lanes} event loops of a Vert.x instance of its own and blocks
 * the calling (main) thread until it is over, bounded by the plan's own length plus a margin.
 */
final class LoadRun {
  private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);

  private LoadRun() {}

  private static void selfWarm(Vertx vertx, LoadPlan plan, int lanes, long ms) throws Exception {
    BaselineServer bare = BaselineServer.local();
    String id = vertx.deployVerticle(bare).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    LoadPlan warm = plan.against(bare.actualPort(), ms);
    List<Future<Recorder>> done = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      Lane lane = new Lane(warm, i, lanes);
      done.add(vertx.deployVerticle(lane).compose(laneId -> lane.done().eventually(() -> vertx.undeploy(laneId))));
    }
    Future.all(done).toCompletionStage().toCompletableFuture().get(ms + 30_000, TimeUnit.MILLISECONDS);
    vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    LOG.info("client warmed for {} ms against a bare in-process server", ms);
  }

  /** Only the self-warm of {@link #run(LoadPlan, int, long)}: the JIT stays warm for the runs after it. */
  static void warm(LoadPlan plan, int lanes, long ms) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(lanes));
    try {
      selfWarm(vertx, plan, lanes, ms);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  static JsonObject run(LoadPlan plan, int lanes) throws Exception {
    return run(plan, lanes, 0);
  }

  /**
   * @param selfWarmMs first, this long of the same load against a bare server inside this
   *     process, so that the client's own JIT is warm before it measures anything: a cold client
   *     invents latency (it sends late, and the open model charges that to the server)
   */
  static JsonObject run(LoadPlan plan, int lanes, long selfWarmMs) throws Exception {
    return run(plan, lanes, selfWarmMs, 0);
  }

  /**
   * @param serverPid when positive, that process's CPU time over the recorded part (from the end
   *     of the warm-up to the last answer) is reported per recorded request: a cost that the
   *     machine's noisy hours move far less than they move a rate
   */
  static JsonObject run(LoadPlan plan, int lanes, long selfWarmMs, long serverPid) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(lanes));
    ScheduledExecutorService cpuClock = Executors.newSingleThreadScheduledExecutor();
    try {
      if (selfWarmMs > 0) {
        selfWarm(vertx, plan, lanes, selfWarmMs);
      }
      // The lanes start 20 ms after they are deployed, and record after their warm-up.
      ScheduledFuture<ProcessCpu> cpuAtRecord = cpuClock.schedule(() -> ProcessCpu.of(serverPid),
          20 + plan.warmupMs(), TimeUnit.MILLISECONDS);
      List<Lane> all = new ArrayList<>();
      List<Future<Recorder>> done = new ArrayList<>();
      for (int i = 0; i < lanes; i++) {
        Lane lane = new Lane(plan, i, lanes);
        all.add(lane);
        done.add(vertx.deployVerticle(lane).compose(id -> lane.done()));
      }
      long boundMs = plan.warmupMs() + plan.durationMs() + plan.timeoutMs() + 30_000;
      Future.all(done).toCompletionStage().toCompletableFuture().get(boundMs, TimeUnit.MILLISECONDS);
      Recorder merged = new Recorder((long) (plan.lateThresholdMs() * 1000));
      for (Future<Recorder> f : done) {
        merged.add(f.result());
      }
      // A capped run ends when its last request answers: its rate is over its actual span.
      double seconds = plan.maxRequests() > 0 ? 0 : plan.durationMs() / 1000.0;
      JsonObject result = merged.toJson(seconds)
          .put("mode", plan.mode().name().toLowerCase())
          .put("lanes", lanes)
          .put("durationS", plan.durationMs() / 1000.0)
          .put("warmupS", plan.warmupMs() / 1000.0);
      if (plan.mode() == LoadPlan.Mode.OPEN) {
        result.put("rate", plan.rate());
      }
      result.put("connections", plan.connections());
      if (serverPid > 0) {
        result.mergeIn(ProcessCpu.of(serverPid).since(cpuAtRecord.get()).toJson(result.getLong("completed")));
      }
      all.stream().map(Lane::firstError).filter(e -> e != null).findFirst().ifPresent(e -> {
        result.put("firstError", e);
        LOG.warn("load run saw errors, the first: {}", e);
      });
      return result;
    } finally {
      cpuClock.shutdownNow();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
