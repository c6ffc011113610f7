package dev.gavel.config;

/** The pooled, keep-alive HTTP client shared by the calls to external bidders (one per event loop). */
public record BidderClientConfig(
    int maxConnectionsPerBidder, int connectTimeoutMs, int keepAliveSeconds, int lateResponseGraceMs, int maxResponseBytes) {

  static BidderClientConfig from(ConfigReader r) {
    return new BidderClientConfig(
        r.intValue("maxConnectionsPerBidder", 64, 1, 10_000),
        r.intValue("connectTimeoutMs", 200, 1, 60_000),
        r.intValue("keepAliveSeconds", 60, 1, 3600),
        r.intValue("lateResponseGraceMs", 1000, 0, 60_000),
        r.intValue("maxResponseBytes", 256 * 1024, 1024, 64 * 1024 * 1024));
  }
}
