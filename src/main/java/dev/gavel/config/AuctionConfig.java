package dev.gavel.config;

/**
 * Auction timing and rules. The deadline of a request is its arrival plus
 * {@code min(tmax or defaultTmaxMs, maxTmaxMs) - safetyMarginMs}; below {@code minAuctionMs} of
 * usable time Gavel answers at once with no-bid reason 15 (insufficient auction time).
 */
public record AuctionConfig(
    int defaultTmaxMs,
    int maxTmaxMs,
    int safetyMarginMs,
    int minAuctionMs,
    String houseSeat,
    String campaignsFile,
    int maxJsonDepth) {

  static AuctionConfig from(ConfigReader r) {
    AuctionConfig c = new AuctionConfig(
        r.intValue("defaultTmaxMs", 300, 1, 60_000),
        r.intValue("maxTmaxMs", 1000, 1, 60_000),
        r.intValue("safetyMarginMs", 15, 0, 10_000),
        r.intValue("minAuctionMs", 5, 0, 10_000),
        r.string("houseSeat", "gavel"),
        r.string("campaignsFile", "conf/campaigns.json"),
        r.intValue("maxJsonDepth", 32, 4, 1000));
    if (c.defaultTmaxMs > c.maxTmaxMs) {
      throw new ConfigException(r.key("defaultTmaxMs") + ": must not exceed " + r.key("maxTmaxMs"));
    }
    return c;
  }
}
