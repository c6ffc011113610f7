package dev.gavel.config;

/**
 * The start-up warm-up: synthetic test auctions through the whole request path (campaigns, a
 * loopback bidder, tracking pixels, event publishing) until their latency is steady and the JIT
 * compiler has gone quiet, before {@code /ready} turns 200. At least {@code minAuctions}, at most
 * {@code maxSeconds}; {@code concurrency} auctions at a time and at most {@code maxRate} a second,
 * so that the events it makes do not leave the consumers a backlog to drain once traffic comes.
 */
public record WarmUpConfig(boolean enabled, int minAuctions, int maxSeconds, int concurrency, int maxRate) {

  static WarmUpConfig from(ConfigReader r) {
    return new WarmUpConfig(
        r.boolValue("enabled", true),
        r.intValue("minAuctions", 2000, 0, 10_000_000),
        r.intValue("maxSeconds", 60, 1, 3600),
        r.intValue("concurrency", 16, 1, 1024),
        r.intValue("maxRate", 400, 1, 1_000_000));
  }
}
