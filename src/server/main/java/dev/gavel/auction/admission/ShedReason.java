package dev.gavel.auction.admission;

/**
 * Why an auction was answered at once with a no-bid instead of being run. Each carries the
 * OpenRTB 2.6 no-bid reason it answers with: 1 (technical error) when Gavel cannot take the work
 * now, 15 (insufficient auction time) when the request leaves too little time.
 */
public enum ShedReason {
  /** The JVM is still warming up: its auctions would run slow. */
  WARMING("warming", 1),
  /** The event loop runs its tasks later than {@code auction.admission.maxLoopLagMs}. */
  LOOP_LAG("loop_lag", 1),
  /**
   * The event loop has not reached its timers for half the safety margin (it is working through a
   * burst of arrivals, or the reads queued during a pause): taking more work now would make the
   * auctions already in flight close late.
   */
  CLOSES_WAITING("closes_waiting", 1),
  /** The event loop already holds {@code auction.admission.maxInFlightPerLoop} auctions. */
  IN_FLIGHT("in_flight", 1),
  /** After the safety margin, less than {@code auction.minAuctionMs} is left. */
  INSUFFICIENT_TIME("insufficient_time", 15);

  private final String label;
  private final int nbr;

  ShedReason(String label, int nbr) {
    this.label = label;
    this.nbr = nbr;
  }

  public String label() {
    return label;
  }

  public int nbr() {
    return nbr;
  }
}
