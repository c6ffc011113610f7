package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.auction.ImpDecision.BidLoss;
import dev.gavel.auction.ImpTerms.DealTerms;
import dev.gavel.openrtb.Bid;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuctionRulesTest {

  private static final ImpTerms OPEN_50C = new ImpTerms("1", 500_000, false, Map.of());

  static CandidateBid bid(String seat, String id, long micros) {
    return bid(seat, id, micros, null);
  }

  static CandidateBid bid(String seat, String id, long micros, String dealId) {
    Bid b = new Bid(id, "1", BigDecimal.valueOf(micros, 6), null, null, null, "<ad/>", null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, dealId, null, null, null, null, null, null, null, null, null);
    return new CandidateBid(seat, seat, b, micros, null);
  }

  @Test
  void firstPriceClearsAtTheWinningBid() {
    ImpDecision d = AuctionRules.decide(OPEN_50C, List.of(bid("a", "x", 2_000_000), bid("b", "y", 3_000_000)), 1);
    assertThat(d.winner().seat()).isEqualTo("b");
    assertThat(d.clearingMicros()).isEqualTo(3_000_000);
    assertThat(d.losses()).extracting(BidLoss::lossReason).containsExactly(LossReason.LOST_TO_HIGHER_BID);
  }

  @Test
  void secondPriceClearsAtSecondBidPlusOneCent() {
    ImpDecision d = AuctionRules.decide(OPEN_50C, List.of(bid("a", "x", 2_000_000), bid("b", "y", 3_000_000)), 2);
    assertThat(d.winner().seat()).isEqualTo("b");
    assertThat(d.clearingMicros()).isEqualTo(2_010_000);
  }

  @Test
  void secondPriceWithOneBidClearsAtFloorPlusOneCent() {
    ImpDecision d = AuctionRules.decide(OPEN_50C, List.of(bid("a", "x", 2_000_000)), 2);
    assertThat(d.clearingMicros()).isEqualTo(510_000);
  }

  @Test
  void secondPriceUsesTheFloorWhenItIsAboveTheSecondBid() {
    ImpTerms floor150 = new ImpTerms("1", 1_500_000, false, Map.of());
    ImpDecision d = AuctionRules.decide(floor150, List.of(bid("a", "x", 1_500_000), bid("b", "y", 3_000_000)), 2);
    assertThat(d.clearingMicros()).isEqualTo(1_510_000);
  }

  @Test
  void secondPriceNeverClearsAboveTheWinnersBid() {
    ImpDecision tie = AuctionRules.decide(OPEN_50C, List.of(bid("a", "x", 2_000_000), bid("b", "y", 2_000_000)), 2);
    assertThat(tie.clearingMicros()).isEqualTo(2_000_000);
    ImpDecision close = AuctionRules.decide(OPEN_50C, List.of(bid("a", "x", 2_000_000), bid("b", "y", 2_005_000)), 2);
    assertThat(close.clearingMicros()).isEqualTo(2_005_000);
    ImpDecision atFloor = AuctionRules.decide(OPEN_50C, List.of(bid("a", "x", 505_000)), 2);
    assertThat(atFloor.clearingMicros()).isEqualTo(505_000);
  }

  @Test
  void bidsBelowTheFloorAreDroppedWithLossReason100() {
    ImpDecision d = AuctionRules.decide(OPEN_50C, List.of(bid("a", "x", 499_999), bid("b", "y", 500_000)), 1);
    assertThat(d.winner().bid().id()).isEqualTo("y");
    assertThat(d.losses()).singleElement().satisfies(l -> {
      assertThat(l.bid().bid().id()).isEqualTo("x");
      assertThat(l.lossReason()).isEqualTo(LossReason.BELOW_AUCTION_FLOOR);
    });
  }

  @Test
  void nothingWinsWhenEveryBidIsBelowTheFloor() {
    ImpDecision d = AuctionRules.decide(OPEN_50C, List.of(bid("a", "x", 100_000)), 2);
    assertThat(d.hasWinner()).isFalse();
  }

  @Test
  void dealBidsAreHeldToTheDealFloor() {
    ImpTerms terms = new ImpTerms("1", 500_000, false, Map.of("d1", new DealTerms("d1", 4_000_000, null)));
    ImpDecision d = AuctionRules.decide(terms,
        List.of(bid("a", "x", 3_000_000, "d1"), bid("b", "y", 1_000_000), bid("c", "z", 9_000_000, "unknown")), 1);
    assertThat(d.winner().bid().id()).isEqualTo("y");
    assertThat(d.losses()).extracting(l -> l.bid().bid().id() + ":" + l.lossReason())
        .containsExactlyInAnyOrder("x:101", "z:4");
  }

  @Test
  void privateAuctionAdmitsOnlyDealBids() {
    ImpTerms terms = new ImpTerms("1", 500_000, true, Map.of("d1", new DealTerms("d1", 1_000_000, null)));
    ImpDecision d = AuctionRules.decide(terms, List.of(bid("a", "x", 9_000_000), bid("b", "y", 1_200_000, "d1")), 2);
    assertThat(d.winner().bid().id()).isEqualTo("y");
    assertThat(d.clearingMicros()).isEqualTo(1_010_000);
    assertThat(d.losses()).singleElement().extracting(BidLoss::lossReason).isEqualTo(LossReason.NOT_ALLOWED_IN_PRIVATE_AUCTION);
  }

  @Test
  void fixedPriceDealClearsAtTheDealPrice() {
    ImpTerms terms = new ImpTerms("1", 0, false, Map.of("d1", new DealTerms("d1", 2_500_000, AuctionRules.FIXED_PRICE)));
    ImpDecision d = AuctionRules.decide(terms, List.of(bid("a", "x", 3_000_000, "d1")), 1);
    assertThat(d.clearingMicros()).isEqualTo(2_500_000);
  }

  @Test
  void tiesBreakTheSameWayWhateverTheArrivalOrder() {
    List<CandidateBid> bids = new ArrayList<>(List.of(
        bid("zeta", "1", 2_000_000), bid("alpha", "2", 2_000_000), bid("mid", "3", 2_000_000, "d1"), bid("alpha", "0", 1_000_000)));
    ImpTerms terms = new ImpTerms("1", 0, false, Map.of("d1", new DealTerms("d1", 0, null)));
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(bids, new java.util.Random(i));
      ImpDecision d = AuctionRules.decide(terms, bids, 1);
      // equal price: the deal bid first, then by seat name
      assertThat(d.winner().bid().id()).isEqualTo("3");
    }
    List<CandidateBid> openOnly = new ArrayList<>(List.of(bid("zeta", "1", 2_000_000), bid("alpha", "2", 2_000_000)));
    Collections.reverse(openOnly);
    assertThat(AuctionRules.decide(OPEN_50C, openOnly, 1).winner().seat()).isEqualTo("alpha");
    Collections.reverse(openOnly);
    assertThat(AuctionRules.decide(OPEN_50C, openOnly, 1).winner().seat()).isEqualTo("alpha");
  }

  @Test
  void openBidsLosingToADealSayLossReason103() {
    ImpTerms terms = new ImpTerms("1", 0, false, Map.of("d1", new DealTerms("d1", 0, null)));
    ImpDecision d = AuctionRules.decide(terms, List.of(bid("a", "x", 1_000_000), bid("b", "y", 2_000_000, "d1")), 1);
    assertThat(d.losses()).singleElement().extracting(BidLoss::lossReason).isEqualTo(LossReason.LOST_TO_DEAL_BID);
  }
}
