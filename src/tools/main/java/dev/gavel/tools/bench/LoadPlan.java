package dev.gavel.tools.bench;

import io.vertx.core.buffer.Buffer;
import java.util.function.BiConsumer;

/**
 * One load run against {@code host:port}.
 *
 * <p>OPEN: {@code rate} requests per second on a fixed schedule; each latency counts from the
 * request's intended send time, so a stall in the server is charged to every request it delayed
 * (no coordinated omission). CLOSED: {@code connections} loops, each sending its next request
 * when the previous one answers; the peak throughput model, whose latencies are only indicative.
 *
 * @param warmupMs load sent first and not recorded
 * @param durationMs the recorded part; the run also stops after {@code maxRequests} (0: no cap)
 * @param lateThresholdMs latencies above it are counted as late (0: none)
 * @param onResponse gets every answered status and body when non-null (for collecting URLs)
 * @param classify read each auction answer and count bids, no-bids and shed no-bids (a 200 with
 *     {@code nbr}), and the bids answered within the late threshold (goodput)
 */
record LoadPlan(
    Mode mode, String host, int port, RequestSource source, double rate, int connections,
    long warmupMs, long durationMs, long maxRequests, long timeoutMs, double lateThresholdMs,
    BiConsumer<Integer, Buffer> onResponse, boolean classify) {

  LoadPlan(Mode mode, String host, int port, RequestSource source, double rate, int connections, long warmupMs,
           long durationMs, long maxRequests, long timeoutMs, double lateThresholdMs, BiConsumer<Integer, Buffer> onResponse) {
    this(mode, host, port, source, rate, connections, warmupMs, durationMs, maxRequests, timeoutMs, lateThresholdMs, onResponse,
        false);
  }

  enum Mode { OPEN, CLOSED }

  LoadPlan {
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException("the benchmark only loads 127.0.0.1, not " + host);
    }
    if (mode == Mode.OPEN && rate <= 0) {
      throw new IllegalArgumentException("an open run needs a rate > 0");
    }
    if (mode == Mode.CLOSED && connections <= 0) {
      throw new IllegalArgumentException("a closed run needs connections > 0");
    }
    if (durationMs <= 0 || durationMs > 3_600_000) {
      throw new IllegalArgumentException("duration must be within (0, 1 h]");
    }
  }

  /** The same load against another port of this host, for {@code ms}, with nothing recorded as warm-up. */
  LoadPlan against(int otherPort, long ms) {
    return new LoadPlan(mode, host, otherPort, source, rate, connections, 0, ms, 0, timeoutMs, lateThresholdMs, null, classify);
  }

  /** This plan's share for lane {@code index} of {@code lanes}. */
  LoadPlan share(int index, int lanes) {
    int conns = connections / lanes + (index < connections % lanes ? 1 : 0);
    long max = maxRequests <= 0 ? 0 : maxRequests / lanes + (index < maxRequests % lanes ? 1 : 0);
    return new LoadPlan(mode, host, port, source, rate / lanes, Math.max(conns, 1), warmupMs, durationMs, max,
        timeoutMs, lateThresholdMs, onResponse, classify);
  }
}
