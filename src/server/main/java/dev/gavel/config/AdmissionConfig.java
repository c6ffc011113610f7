package dev.gavel.config;

/**
 * When an auction is refused at the door rather than queued: while its event loop keeps running
 * its tasks more than {@code maxLoopLagMs} late (a smoothed lag: a loop that cannot keep up, not one
 * that has just come out of a GC pause, which only sets back the clocks of its auctions), or already holds {@code maxInFlightPerLoop} auctions awaiting
 * their close. Each event loop measures its own lag every {@code lagProbeIntervalMs}; the lag of the
 * last {@code marginWindowSeconds} sets the auction's safety margin.
 */
public record AdmissionConfig(int maxLoopLagMs, int maxInFlightPerLoop, int lagProbeIntervalMs, int marginWindowSeconds) {

  static AdmissionConfig from(ConfigReader r) {
    return new AdmissionConfig(
        r.intValue("maxLoopLagMs", 10, 1, 10_000),
        r.intValue("maxInFlightPerLoop", 2000, 1, 1_000_000),
        r.intValue("lagProbeIntervalMs", 5, 1, 1000),
        r.intValue("marginWindowSeconds", 120, 1, 3600));
  }
}
