package dev.gavel.auction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.money.Money;
import dev.gavel.openrtb.Bid;
import dev.gavel.openrtb.BidResponse;
import dev.gavel.openrtb.SeatBid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link AuctionResult} into the OpenRTB response: one winning bid per imp, grouped by
 * seat, priced at its clearing price with the macros substituted, and an {@code ext} reporting
 * each bidder's response time and errors (as Prebid Server does).
 */
final class ResponseBuilder {
  /** OpenRTB no-bid reason codes used here. */
  static final int NBR_UNKNOWN = 0;
  static final int NBR_INSUFFICIENT_TIME = 15;

  private ResponseBuilder() {}

  /** The response to send, or null for a plain no-bid (HTTP 204). */
  static BidResponse build(AuctionResult result, WinnerTracking tracking) {
    boolean debug = Integer.valueOf(1).equals(result.request().test());
    ObjectNode ext = BidderReport.ext(result, debug);
    if (!result.hasWinner()) {
      return debug ? noBid(result.request().id(), NBR_UNKNOWN, ext) : null;
    }
    String responseId = result.ids().auctionId();
    Map<String, List<Bid>> bySeat = new LinkedHashMap<>();
    for (ImpDecision decision : result.decisions()) {
      if (decision.hasWinner()) {
        CandidateBid winner = decision.winner();
        Bid priced = priceAndSubstitute(result, responseId, winner, decision.clearingMicros(), tracking);
        bySeat.computeIfAbsent(winner.seat(), s -> new ArrayList<>()).add(priced);
      }
    }
    List<SeatBid> seatBids = new ArrayList<>(bySeat.size());
    bySeat.forEach((seat, bids) -> seatBids.add(new SeatBid(List.copyOf(bids), seat, null, null)));
    return new BidResponse(result.request().id(), seatBids, responseId, result.currency(), null, null, ext);
  }

  static BidResponse noBid(String requestId, int nbr, ObjectNode ext) {
    return new BidResponse(requestId, null, null, null, null, nbr, ext);
  }

  /**
   * The winner at its clearing price, macros substituted, with Gavel's signed win and billing
   * URLs in nurl and burl. An external bidder's own nurl and burl (substituted) travel inside
   * Gavel's tokens and are called server-side when Gavel's fire.
   */
  private static Bid priceAndSubstitute(
      AuctionResult result, String responseId, CandidateBid winner, long clearing, WinnerTracking tracking) {
    Bid bid = winner.bid();
    Map<String, String> macros = macros(result, responseId, winner, clearing);
    String landing = winner.campaign() == null ? null : winner.campaign().creative().clickThroughUrl();
    WinnerTracking.Urls urls = tracking.issue(new WinnerTracking.TrackedWin(
        result.ids().auctionId(), bid.impid(), bid.id(), winner.seat(), winner.campaignId(),
        winner.campaign() == null ? winner.source() : null, clearing, result.currency(), result.ids().traceId(),
        Macros.substitute(bid.nurl(), macros), Macros.substitute(bid.burl(), macros), landing,
        Integer.valueOf(1).equals(result.request().test()),
        winner.campaign() != null && winner.campaign().delivery().frequencyCap() != null ? result.frequencyKey() : null));
    if (urls.click() != null) {
      macros.put("CLICK_URL", urls.click());
    }
    return bid.withMarkup(Macros.substitute(bid.adm(), macros), urls.win(), urls.impression(), Macros.substitute(bid.lurl(), macros))
        .withPrice(Money.toDecimal(clearing));
  }

  private static Map<String, String> macros(AuctionResult result, String responseId, CandidateBid winner, long clearing) {
    Bid bid = winner.bid();
    Map<String, String> macros = new HashMap<>();
    macros.put("AUCTION_ID", result.request().id());
    macros.put("AUCTION_BID_ID", responseId);
    macros.put("AUCTION_IMP_ID", bid.impid());
    macros.put("AUCTION_SEAT_ID", winner.seat());
    macros.put("AUCTION_PRICE", Money.format(clearing));
    macros.put("AUCTION_CURRENCY", result.currency());
    macros.put("AUCTION_MBR", BigDecimal.valueOf(clearing).divide(BigDecimal.valueOf(winner.priceMicros()), 4, RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString());
    if (bid.adid() != null) {
      macros.put("AUCTION_AD_ID", bid.adid());
    }
    return macros;
  }
}
