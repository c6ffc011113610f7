package dev.gavel.auction.warmup;

/**
 * When the warm-up may stop: the JIT compiler has gone quiet (busy for less than a tenth of the
 * last round) and the auctions' median latency has stopped improving (the last two rounds within
 * 15% of each other and within 25% of the best round). A cold JVM fails both: its compiler is
 * busy and every round is faster than the one before.
 */
final class Steadiness {
  static final double MAX_COMPILE_SHARE = 0.10;
  static final double ROUND_TO_ROUND = 1.15;
  static final double OF_BEST = 1.25;
  private static final int MIN_ROUNDS = 3;

  private int rounds;
  private long best = Long.MAX_VALUE;
  private long previous = -1;
  private long last = -1;
  private double compileShare = 1;

  /**
   * Records one round.
   *
   * @param medianNanos the round's median auction latency
   * @param wallNanos how long the round took
   * @param compileNanos how long the JIT compilers worked during it (summed over their threads)
   */
  void round(long medianNanos, long wallNanos, long compileNanos) {
    rounds++;
    previous = last;
    last = medianNanos;
    best = Math.min(best, medianNanos);
    compileShare = wallNanos <= 0 ? 1 : (double) compileNanos / wallNanos;
  }

  boolean steady() {
    if (rounds < MIN_ROUNDS || compileShare >= MAX_COMPILE_SHARE) {
      return false;
    }
    double ratio = (double) Math.max(last, previous) / Math.max(1, Math.min(last, previous));
    return ratio <= ROUND_TO_ROUND && last <= best * OF_BEST;
  }

  long lastMedianNanos() {
    return last;
  }

  double compileShare() {
    return compileShare;
  }

  int rounds() {
    return rounds;
  }
}
