package dev.gavel.auction;

import dev.gavel.config.BidderConfig;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.Imp;
import dev.gavel.openrtb.Ortb25;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One planned call to an external bidder: the request it may see (only imps of the media types it
 * takes, the remaining time as {@code tmax}, the auction's currency, the request's blocking lists
 * intact, in the OpenRTB version it reads) and how long to wait; or why it is not called at all.
 */
record CallPlan(BidderConfig bidder, BidRequest outbound, long timeoutMs, long startNanos, String skipReason) {

  /** The call planned at {@code now} (nanoTime). */
  static CallPlan plan(BidderConfig bidder, BidRequest request, Deadline deadline, String currency, Set<String> auctionable,
                       long now) {
    String seatRefusal = seatRefusal(request, bidder.name());
    if (seatRefusal != null) {
      return skip(bidder, seatRefusal);
    }
    List<Imp> visible = new ArrayList<>();
    for (Imp imp : request.imp()) {
      if (auctionable.contains(imp.id()) && takesAny(bidder, imp)) {
        visible.add(imp);
      }
    }
    if (visible.isEmpty()) {
      return skip(bidder, "no imp of a media type it takes");
    }
    long remaining = deadline.remainingMillis(now);
    long tmax = Deadlines.bidderTmaxMs(deadline, now, bidder.tmaxDeductionMs());
    if (tmax <= 0) {
      return skip(bidder, "not enough time left");
    }
    BidRequest outbound = request.withImps(visible).withTmax((int) tmax).withCur(List.of(currency));
    if (bidder.speaks25()) {
      outbound = Ortb25.downgrade(outbound);
    }
    return new CallPlan(bidder, outbound, remaining, now, null);
  }

  /** Why the request's bseat/wseat keeps {@code seat} out of this auction, or null if it may bid. */
  static String seatRefusal(BidRequest request, String seat) {
    if (request.bseat() != null && request.bseat().contains(seat)) {
      return "seat blocked by bseat";
    }
    if (request.wseat() != null && !request.wseat().isEmpty() && !request.wseat().contains(seat)) {
      return "seat not in wseat";
    }
    return null;
  }

  long elapsedMs(long nowNanos) {
    return startNanos == 0 ? 0 : (nowNanos - startNanos) / 1_000_000L;
  }

  private static CallPlan skip(BidderConfig bidder, String reason) {
    return new CallPlan(bidder, null, 0, 0, reason);
  }

  private static boolean takesAny(BidderConfig bidder, Imp imp) {
    return (imp.banner() != null && bidder.takes("banner"))
        || (imp.video() != null && bidder.takes("video"))
        || (imp.audio() != null && bidder.takes("audio"))
        || (imp.nativeAd() != null && bidder.takes("native"));
  }
}
