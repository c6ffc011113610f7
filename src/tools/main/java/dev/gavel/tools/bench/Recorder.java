package dev.gavel.tools.bench;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one load lane saw: a latency histogram in microseconds and counts by outcome. Each lane
 * owns one and touches it only from its event loop; the lanes' recorders are merged at the end.
 */
final class Recorder {
  private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(120);

  private final Histogram histogram = new Histogram(MAX_MICROS, 3);
  /** How late the client itself sent each request after its intended time: the measurement's own error. */
  private final Histogram sendLag = new Histogram(MAX_MICROS, 3);
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final long lateThresholdMicros;
  private long errors;
  private long late;
  private final long[] kinds = new long[Answer.KINDS];
  private long bidsInTime;
  private long firstSendNanos = Long.MAX_VALUE;
  private long lastDoneNanos = Long.MIN_VALUE;

  /** @param lateThresholdMicros latencies above this are counted as late; 0 counts none */
  Recorder(long lateThresholdMicros) {
    this.lateThresholdMicros = lateThresholdMicros;
  }

  void sent(long intendedNanos) {
    firstSendNanos = Math.min(firstSendNanos, intendedNanos);
    sendLag.recordValue(Math.min(MAX_MICROS, Math.max(0, (System.nanoTime() - intendedNanos) / 1000)));
  }

  /** A response arrived: its status and its latency from the (intended) send time. */
  void answered(int status, long startNanos, long endNanos) {
    answered(new Answer(status, Answer.UNREAD), startNanos, endNanos);
  }

  /** A response arrived, and what kind of answer it was when the run reads them. */
  void answered(Answer answer, long startNanos, long endNanos) {
    statuses.merge(answer.status(), 1L, Long::sum);
    kinds[answer.kind()]++;
    long micros = record(startNanos, endNanos);
    if (answer.kind() == Answer.BID && (lateThresholdMicros == 0 || micros <= lateThresholdMicros)) {
      bidsInTime++;
    }
  }

  /** No response: a connection error or a timeout. Its latency counts too, as the wait it caused. */
  void failed(long startNanos, long endNanos) {
    errors++;
    record(startNanos, endNanos);
  }

  private long record(long startNanos, long endNanos) {
    long micros = Math.max(0, (endNanos - startNanos) / 1000);
    histogram.recordValue(Math.min(micros, MAX_MICROS));
    if (lateThresholdMicros > 0 && micros > lateThresholdMicros) {
      late++;
    }
    lastDoneNanos = Math.max(lastDoneNanos, endNanos);
    return micros;
  }

  void add(Recorder other) {
    histogram.add(other.histogram);
    sendLag.add(other.sendLag);
    other.statuses.forEach((s, n) -> statuses.merge(s, n, Long::sum));
    errors += other.errors;
    late += other.late;
    bidsInTime += other.bidsInTime;
    for (int k = 0; k < kinds.length; k++) {
      kinds[k] += other.kinds[k];
    }
    firstSendNanos = Math.min(firstSendNanos, other.firstSendNanos);
    lastDoneNanos = Math.max(lastDoneNanos, other.lastDoneNanos);
  }

  long completed() {
    return histogram.getTotalCount();
  }

  long ok() {
    return statuses.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300).mapToLong(Map.Entry::getValue).sum();
  }

  /** Completed requests per second over {@code seconds}, or over first send to last answer when 0. */
  double throughput(double seconds) {
    double span = seconds > 0 ? seconds : (lastDoneNanos - firstSendNanos) / 1e9;
    return span <= 0 ? 0 : completed() / span;
  }

  /** Latencies in milliseconds with three decimals, counts, and the status breakdown. */
  JsonObject toJson(double measuredSeconds) {
    JsonObject byStatus = new JsonObject();
    statuses.forEach((s, n) -> byStatus.put(String.valueOf(s), n));
    return new JsonObject()
        .put("completed", completed())
        .put("ok", ok())
        .put("errors", errors)
        .put("statuses", byStatus)
        .put("late", late)
        .put("lateThresholdMs", lateThresholdMicros / 1000.0)
        .put("throughput", round(throughput(measuredSeconds)))
        .put("p50Ms", ms(50)).put("p90Ms", ms(90)).put("p99Ms", ms(99)).put("p999Ms", ms(99.9))
        .put("maxMs", histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0)
        .put("meanMs", round(histogram.getMean() / 1000.0))
        .put("bids", kinds[Answer.BID]).put("noBids", kinds[Answer.NO_BID]).put("shed", kinds[Answer.SHED])
        .put("bidsInTime", bidsInTime)
        .put("clientSendLagP99Ms", sendLag.getTotalCount() == 0 ? 0 : sendLag.getValueAtPercentile(99) / 1000.0)
        .put("clientSendLagMaxMs", sendLag.getTotalCount() == 0 ? 0 : sendLag.getMaxValue() / 1000.0);
  }

  private double ms(double percentile) {
    return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
