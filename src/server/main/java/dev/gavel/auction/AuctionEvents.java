package dev.gavel.auction;

import dev.gavel.auction.BidderOutcome.RejectedBid;
import dev.gavel.auction.ImpDecision.BidLoss;
import dev.gavel.auction.privacy.Rule;
import dev.gavel.events.AuctionEvent;
import dev.gavel.money.Money;
import dev.gavel.openrtb.BidRequest;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Builds the auction event: the whole story of one auction, for persistence, fraud and the trace API. */
final class AuctionEvents {
  private AuctionEvents() {}

  static AuctionEvent of(AuctionResult r, int tmaxMs, long durationMs, long nowMs) {
    BidRequest q = r.request();
    List<AuctionEvent.BidEntry> bids = new ArrayList<>();
    List<AuctionEvent.Winner> winners = new ArrayList<>();
    for (ImpDecision d : r.decisions()) {
      if (d.hasWinner()) {
        CandidateBid w = d.winner();
        bids.add(entry(w, "won", LossReason.WON));
        winners.add(new AuctionEvent.Winner(d.impId(), w.bid().id(), w.seat(), w.campaignId(), w.priceMicros(), d.clearingMicros()));
      }
      for (BidLoss loss : d.losses()) {
        bids.add(entry(loss.bid(), "lost", loss.lossReason()));
      }
    }
    List<AuctionEvent.BidderCall> calls = new ArrayList<>();
    for (BidderOutcome o : r.bidders()) {
      calls.add(new AuctionEvent.BidderCall(o.bidder(), o.status().label(), o.latencyMs(), o.error(),
          o.privacy().isEmpty() ? null : o.privacy().stream().map(Rule::label).toList()));
      for (RejectedBid rejected : o.rejected()) {
        bids.add(new AuctionEvent.BidEntry(rejected.impId(), rejected.bidId(), o.bidder(), o.bidder(), null, null, 0,
            "rejected", rejected.lossReason(), null));
      }
    }
    List<AuctionEvent.ImpFloor> imps = new ArrayList<>();
    for (ImpDecision d : r.decisions()) {
      imps.add(new AuctionEvent.ImpFloor(d.impId(), d.floorMicros()));
    }
    return new AuctionEvent(AuctionEvent.TYPE, AuctionEvent.SCHEMA_VERSION, AuctionIds.uuid(), r.ids().traceId(), r.ids().auctionId(),
        q.id(), nowMs, Integer.valueOf(1).equals(q.test()), r.currency(), tmaxMs, r.deadline().budgetMillis(), durationMs,
        inventory(q), q.publisherId(), q.device() == null ? null : q.device().devicetype(),
        q.device() != null && q.device().geo() != null ? q.device().geo().country() : null,
        imps, bids, winners, calls, r.notes());
  }

  private static AuctionEvent.BidEntry entry(CandidateBid b, String status, int lossReason) {
    Long sent = b.campaign() != null || b.bid().price() == null ? null : Money.toMicros(b.bid().price(), RoundingMode.DOWN);
    return new AuctionEvent.BidEntry(b.impId(), b.bid().id(), b.seat(), b.source(), b.campaignId(), b.dealId(),
        b.priceMicros(), status, lossReason, sent == null || sent == b.priceMicros() ? null : sent);
  }

  private static String inventory(BidRequest q) {
    if (q.site() != null) {
      return q.site().domain();
    }
    if (q.app() != null) {
      return q.app().bundle();
    }
    return q.dooh() != null ? q.dooh().domain() : null;
  }
}
