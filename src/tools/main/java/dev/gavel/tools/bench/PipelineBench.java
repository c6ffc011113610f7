package dev.gavel.tools.bench;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 4's two measurements. Throughput: fire N distinct billing URLs as fast as the client
 * can, and time from the first hit until N more impressions are persisted and N more charges are
 * billed. Drain: after PostgreSQL comes back, time until the events fired while it was away are
 * persisted and billed and the consumer lag is back to zero.
 */
final class PipelineBench {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineBench.class);
  private static final long POLL_MS = 250;

  private final PipelineProbe probe;

  PipelineBench(PipelineProbe probe) {
    this.probe = probe;
  }

  /**
   * @param warmFire URLs fired first and not timed, so that Gavel's tracking, billing and fraud
   *     code is compiled before the timed run (its warm-up auctions are test auctions, never billed);
   *     null for none
   * @param selfWarmMs the client's own warm-up against a bare server first: a cold client spent
   *     as much CPU as Gavel did in the timed run, on the same two cores
   */
  JsonObject throughput(LoadPlan fire, LoadPlan warmFire, int lanes, long count, long selfWarmMs, long timeoutMs,
                        long gavelPid) throws Exception {
    if (selfWarmMs > 0) {
      LoadRun.warm(fire, lanes, selfWarmMs);
    }
    if (warmFire != null) {
      JsonObject warmed = LoadRun.run(warmFire, lanes);
      LOG.info("Gavel warmed with {} tracking hits ({} req/s)", warmed.getLong("completed"), warmed.getDouble("throughput"));
    }
    double settled = settle(timeoutMs);
    PipelineProbe.Counts base = probe.counts();
    ProcessCpu cpu0 = ProcessCpu.of(gavelPid);
    long t0 = System.nanoTime();
    JsonObject fired = LoadRun.run(fire, lanes);
    double fireSeconds = (System.nanoTime() - t0) / 1e9;
    Progress progress = await(base, count, t0, timeoutMs, false);
    ProcessCpu cpu = ProcessCpu.of(gavelPid).since(cpu0);
    double seconds = progress.bothSeconds;
    // One pixel is one request and one event.
    return cpu.toJson(count)
        .put("events", count)
        .put("settleSeconds", Recorder.round(settled))
        .put("fire", fired)
        .put("fireSeconds", Recorder.round(fireSeconds))
        .put("persistedSeconds", Recorder.round(progress.impressionsSeconds))
        .put("billedSeconds", Recorder.round(progress.chargesSeconds))
        .put("endToEndSeconds", Recorder.round(seconds))
        .put("complete", progress.complete)
        .put("final", progress.last.toJson())
        .put("eventsPerSecond", seconds > 0 ? Recorder.round(count / seconds) : 0);
  }

  /** Run right after PostgreSQL is back: {@code base} was read before it went away. */
  JsonObject drain(PipelineProbe.Counts base, long expected, long timeoutMs) throws Exception {
    long t0 = System.nanoTime();
    long lagAtStart = probe.lag();
    Progress progress = await(base, expected, t0, timeoutMs, true);
    double seconds = progress.bothSeconds;
    return new JsonObject()
        .put("events", expected)
        .put("lagAtRestart", lagAtStart)
        .put("drainSeconds", Recorder.round(seconds))
        .put("lagZeroSeconds", Recorder.round(progress.lagZeroSeconds))
        .put("complete", progress.complete)
        .put("final", progress.last == null ? null : progress.last.toJson())
        .put("drainPerSecond", seconds > 0 && lagAtStart > 0 ? Recorder.round(lagAtStart / seconds) : 0);
  }

  /** Waits (bounded) until the consumers have caught up with what came before, so it is not timed. */
  private double settle(long timeoutMs) throws InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + timeoutMs * 1_000_000;
    long lag = probe.lag();
    long nextLog = t0;
    while (lag > 0 && System.nanoTime() < deadline) {
      if (System.nanoTime() >= nextLog) {
        LOG.info("waiting for the consumers to catch up before timing: lag {}", lag);
        nextLog = System.nanoTime() + 5_000_000_000L;
      }
      Thread.sleep(POLL_MS);
      lag = probe.lag();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    LOG.info("pipeline settled in {} s (lag {})", Recorder.round(seconds), lag);
    return seconds;
  }

  private static final class Progress {
    double impressionsSeconds = -1;
    double chargesSeconds = -1;
    double lagZeroSeconds = -1;
    double bothSeconds = -1;
    boolean complete;
    PipelineProbe.Counts last;
  }

  private Progress await(PipelineProbe.Counts base, long count, long t0, long timeoutMs, boolean waitForLag)
      throws InterruptedException {
    Progress p = new Progress();
    long deadline = t0 + timeoutMs * 1_000_000;
    while (System.nanoTime() < deadline) {
      double elapsed = (System.nanoTime() - t0) / 1e9;
      try {
        p.last = probe.counts();
      } catch (SQLException e) {
        LOG.debug("PostgreSQL not answering yet: {}", e.getMessage());
        Thread.sleep(POLL_MS);
        continue;
      }
      if (p.impressionsSeconds < 0 && p.last.impressions() >= base.impressions() + count) {
        p.impressionsSeconds = elapsed;
      }
      if (p.chargesSeconds < 0 && p.last.charges() >= base.charges() + count) {
        p.chargesSeconds = elapsed;
      }
      if (waitForLag && p.lagZeroSeconds < 0 && probe.lag() == 0) {
        p.lagZeroSeconds = (System.nanoTime() - t0) / 1e9;
      }
      boolean rows = p.impressionsSeconds >= 0 && p.chargesSeconds >= 0;
      if (rows && (!waitForLag || p.lagZeroSeconds >= 0)) {
        p.bothSeconds = Math.max(p.impressionsSeconds, p.chargesSeconds);
        p.complete = true;
        return p;
      }
      Thread.sleep(POLL_MS);
    }
    LOG.warn("pipeline did not finish within {} ms: {} (base {}, expected +{})", timeoutMs, p.last, base, count);
    return p;
  }
}
