package dev.gavel.tools.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What the demo has sent and seen, counted from many threads. */
final class DemoStats {
  /** Tracking rules the demo triggers on purpose, with the count of hits it sent for each. */
  static final String BOT_RULE = "ivt.bot_user_agent";
  static final String DUPLICATE_RULE = "ivt.duplicate_token";
  static final String DATACENTER_RULE = "ivt.datacenter_ip";

  final LongAdder sent = new LongAdder();
  final LongAdder bids = new LongAdder();
  final LongAdder noBids = new LongAdder();
  final LongAdder brokenSent = new LongAdder();
  /** 400s to requests the demo broke on purpose. */
  final LongAdder rejected = new LongAdder();
  /** Anything else: a 5xx, a 400 to a valid request, a 200 to a broken one, a timeout, a refused connection. */
  final LongAdder errors = new LongAdder();
  final LongAdder skipped = new LongAdder();
  /** Answered with a no-bid at once because Gavel could not run the auction in time (a 200 with nbr). */
  final LongAdder shed = new LongAdder();
  /** Answers that arrived after the request's own tmax: worth nothing to a publisher. */
  final LongAdder late = new LongAdder();
  final LongAdder pixelErrors = new LongAdder();
  private final Map<String, LongAdder> winsBySeat = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> bidderTimeouts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> bidderCalls = new ConcurrentHashMap<>();
  /** One auction that had a winner, to show how to trace it. */
  final java.util.concurrent.atomic.AtomicReference<String> sampleAuction = new java.util.concurrent.atomic.AtomicReference<>();
  private final Map<String, LongAdder> pixels = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> invalidSent = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
  /** Client-side auction latency of answered valid requests, in microseconds. */
  private final Histogram latency = new ConcurrentHistogram(3);

  /** Answers' latency as a share of their own tmax, in tenths of a percent. */
  private final Histogram ofTmax = new ConcurrentHistogram(3);

  void latency(long nanos) {
    latency.recordValue(Math.max(1, nanos / 1000));
  }

  /** An answer's latency against the request's own tmax: late when over it. */
  void againstTmax(long nanos, int tmaxMs) {
    ofTmax.recordValue(Math.max(1, nanos / 1000 / Math.max(1, tmaxMs)));
    if (nanos > tmaxMs * 1_000_000L) {
      late.increment();
    }
  }

  /** The given percentile of latency / tmax, in percent. */
  double percentOfTmax(double percentile) {
    return ofTmax.getTotalCount() == 0 ? 0 : ofTmax.getValueAtPercentile(percentile) / 10.0;
  }

  void win(String seat) {
    add(winsBySeat, seat);
  }

  void bidderTimeout(String bidder) {
    add(bidderTimeouts, bidder);
  }

  void bidderCalled(String bidder) {
    add(bidderCalls, bidder);
  }

  void pixel(String kind) {
    add(pixels, kind);
  }

  void invalidSent(String rule) {
    add(invalidSent, rule);
  }

  void error(String kind) {
    errors.increment();
    add(errorKinds, kind);
  }

  long pixelsFired() {
    return pixels.values().stream().mapToLong(LongAdder::sum).sum();
  }

  long pixels(String kind) {
    LongAdder a = pixels.get(kind);
    return a == null ? 0 : a.sum();
  }

  Map<String, Long> winsBySeat() {
    return sums(winsBySeat);
  }

  Map<String, Long> bidderTimeouts() {
    return sums(bidderTimeouts);
  }

  Map<String, Long> bidderCalls() {
    return sums(bidderCalls);
  }

  Map<String, Long> invalidSent() {
    return sums(invalidSent);
  }

  Map<String, Long> errorKinds() {
    return sums(errorKinds);
  }

  /** Bids over answered valid auctions. */
  double fillRate() {
    long answered = bids.sum() + noBids.sum();
    return answered == 0 ? 0 : 100.0 * bids.sum() / answered;
  }

  /** A copy of the latency histogram, in microseconds. */
  Histogram latency() {
    return latency.copy();
  }

  String progressLine(double elapsedSeconds) {
    Histogram h = latency();
    return String.format("[%5.1fs] sent %,7d  bids %,7d  no-bids %,6d  shed %,5d  400s %,4d  errors %,4d  late %,4d  "
            + "fill %5.1f%%  p99 %6.1f ms  pixels %,7d",
        elapsedSeconds, sent.sum(), bids.sum(), noBids.sum(), shed.sum(), rejected.sum(), errors.sum(), late.sum(), fillRate(),
        h.getTotalCount() == 0 ? 0.0 : h.getValueAtPercentile(99) / 1000.0, pixelsFired());
  }

  private static void add(Map<String, LongAdder> map, String key) {
    map.computeIfAbsent(key == null ? "?" : key, k -> new LongAdder()).increment();
  }

  private static Map<String, Long> sums(Map<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
