package dev.gavel.auction;

import dev.gavel.config.BidderConfig;
import dev.gavel.openrtb.BidRequest;
import io.vertx.core.Future;

/** How an auction calls an external bidder: {@link BidderClient} over HTTP, or a fake in tests. */
public interface BidderTransport {

  /**
   * Sends {@code outbound} to {@code bidder}; the outcome (bids, no bid, error, timeout) completes
   * the future, which never fails. The auction stops waiting after {@code timeoutMs} either way.
   */
  Future<BidderOutcome> call(BidderConfig bidder, BidRequest outbound, String currency, long timeoutMs);
}
