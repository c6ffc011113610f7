package dev.gavel.auction;

import dev.gavel.auction.ImpDecision.BidLoss;
import dev.gavel.auction.ImpTerms.DealTerms;
import dev.gavel.money.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The auction for one imp: floors, deals, first or second price, deterministic ties. Pure: same
 * bids in, same decision out, whatever order the bids arrived in.
 */
public final class AuctionRules {
  /** OpenRTB {@code at=2}, the default; any other {@code at} but 3 is first price. */
  public static final int SECOND_PRICE = 2;
  /** OpenRTB deal {@code at=3}: the deal's floor is the agreed price. */
  public static final int FIXED_PRICE = 3;

  /** Highest price first; at equal price a deal bid, then seat, then bid id, so ties never depend on timing. */
  static final Comparator<CandidateBid> RANKING = Comparator
      .comparingLong(CandidateBid::priceMicros).reversed()
      .thenComparing(b -> b.dealId() == null)
      .thenComparing(CandidateBid::seat)
      .thenComparing(b -> String.valueOf(b.bid().id()));

  private AuctionRules() {}

  public static ImpDecision decide(ImpTerms terms, List<CandidateBid> bids, int auctionType) {
    List<BidLoss> losses = new ArrayList<>();
    List<CandidateBid> eligible = new ArrayList<>(bids.size());
    for (CandidateBid bid : bids) {
      int rejection = rejection(terms, bid);
      if (rejection < 0) {
        eligible.add(bid);
      } else {
        losses.add(new BidLoss(bid, rejection));
      }
    }
    if (eligible.isEmpty()) {
      return new ImpDecision(terms.impId(), terms.floorMicros(), null, 0, List.copyOf(losses));
    }
    eligible.sort(RANKING);
    CandidateBid winner = eligible.get(0);
    long clearing = clearingPrice(terms, eligible, auctionType);
    for (int i = 1; i < eligible.size(); i++) {
      CandidateBid loser = eligible.get(i);
      boolean lostToDeal = winner.dealId() != null && loser.dealId() == null;
      losses.add(new BidLoss(loser, lostToDeal ? LossReason.LOST_TO_DEAL_BID : LossReason.LOST_TO_HIGHER_BID));
    }
    return new ImpDecision(terms.impId(), terms.floorMicros(), winner, clearing, List.copyOf(losses));
  }

  /** The loss reason that keeps a bid out of the auction, or -1 if it competes. */
  private static int rejection(ImpTerms terms, CandidateBid bid) {
    if (bid.dealId() != null) {
      DealTerms deal = terms.deals().get(bid.dealId());
      if (deal == null) {
        return LossReason.INVALID_DEAL_ID;
      }
      return bid.priceMicros() < deal.floorMicros() ? LossReason.BELOW_DEAL_FLOOR : -1;
    }
    if (terms.privateAuction()) {
      return LossReason.NOT_ALLOWED_IN_PRIVATE_AUCTION;
    }
    return bid.priceMicros() < terms.floorMicros() ? LossReason.BELOW_AUCTION_FLOOR : -1;
  }

  private static long clearingPrice(ImpTerms terms, List<CandidateBid> ranked, int auctionType) {
    CandidateBid winner = ranked.get(0);
    long floor = terms.floorMicros();
    int type = auctionType;
    if (winner.dealId() != null) {
      DealTerms deal = terms.deals().get(winner.dealId());
      floor = deal.floorMicros();
      type = deal.at() != null ? deal.at() : auctionType;
    }
    return switch (type) {
      case SECOND_PRICE -> {
        long second = ranked.size() > 1 ? ranked.get(1).priceMicros() : 0;
        yield Math.min(Math.max(second, floor) + Money.ONE_CENT_MICROS, winner.priceMicros());
      }
      case FIXED_PRICE -> Math.min(floor, winner.priceMicros());
      default -> winner.priceMicros();
    };
  }
}
