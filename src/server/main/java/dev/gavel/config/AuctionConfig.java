package dev.gavel.config;

/**
 * Auction timing and rules. A request's answer is due at its arrival plus
 * {@code min(tmax or defaultTmaxMs, maxTmaxMs)}; the auction closes a safety margin before that.
 * The margin is measured (see {@code auction.admission}): it follows how late this event loop runs
 * its timers, between {@code safetyMarginMs} and {@code maxSafetyMarginMs}. Below
 * {@code minAuctionMs} of usable time Gavel answers at once with no-bid reason 15 (insufficient
 * auction time).
 *
 * <p>{@code budgetSnapshotFile} keeps the last spend read from billing, so that a restart during a
 * PostgreSQL outage still knows the budgets; empty: none kept (house campaigns then wait for billing).
 * A house win holds its price against its campaign's budget until billing reports it, at most
 * {@code budgetHoldSeconds} (an impression that never renders). {@code frequencyCap} says what a
 * capped campaign does for a request without a user id, and how many (campaign, user) pairs are kept.
 */
public record AuctionConfig(
    int defaultTmaxMs,
    int maxTmaxMs,
    int safetyMarginMs,
    int maxSafetyMarginMs,
    int minAuctionMs,
    String houseSeat,
    String campaignsFile,
    int maxJsonDepth,
    AdmissionConfig admission,
    String budgetSnapshotFile,
    int budgetHoldSeconds,
    boolean frequencyCapUncountableUsersBid,
    int frequencyCapMaxUsers,
    PrivacyConfig privacy) {

  static AuctionConfig from(ConfigReader r) {
    AuctionConfig c = new AuctionConfig(
        r.intValue("defaultTmaxMs", 300, 1, 60_000),
        r.intValue("maxTmaxMs", 1000, 1, 60_000),
        r.intValue("safetyMarginMs", 25, 0, 10_000),
        r.intValue("maxSafetyMarginMs", 80, 0, 10_000),
        r.intValue("minAuctionMs", 5, 0, 10_000),
        r.string("houseSeat", "gavel"),
        r.string("campaignsFile", "conf/campaigns.json"),
        r.intValue("maxJsonDepth", 32, 4, 1000),
        AdmissionConfig.from(r.section("admission")),
        r.optionalPath("budgetSnapshotFile", "data/budget-snapshot.json"),
        r.intValue("budgetHoldSeconds", 60, 1, 86_400),
        uncountable(r),
        r.section("frequencyCap").intValue("maxUsers", 500_000, 1_000, 100_000_000),
        PrivacyConfig.from(r.section("privacy")));
    if (c.defaultTmaxMs > c.maxTmaxMs) {
      throw new ConfigException(r.key("defaultTmaxMs") + ": must not exceed " + r.key("maxTmaxMs"));
    }
    if (c.safetyMarginMs > c.maxSafetyMarginMs) {
      throw new ConfigException(r.key("safetyMarginMs") + ": must not exceed " + r.key("maxSafetyMarginMs"));
    }
    return c;
  }

  /** {@code frequencyCap.uncountableUsers}: skip (a capped campaign does not bid for a request that names no user) or allow. */
  private static boolean uncountable(ConfigReader r) {
    ConfigReader f = r.section("frequencyCap");
    String value = f.string("uncountableUsers", "skip");
    if (!value.equals("skip") && !value.equals("allow")) {
      throw new ConfigException(f.key("uncountableUsers") + ": expected skip or allow, got '" + value + "'");
    }
    return value.equals("allow");
  }
}
