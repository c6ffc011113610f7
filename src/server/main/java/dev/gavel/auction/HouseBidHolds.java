package dev.gavel.auction;

import dev.gavel.auction.campaign.FrequencyCounts;
import dev.gavel.auction.campaign.SpendHolds;
import java.util.ArrayList;
import java.util.List;

/**
 * One auction's house bids and what they hold: each bid's price against its campaign's budget
 * while the auction is open; at the close a winner keeps its hold (until billed) and counts for
 * its user's frequency cap, the others let go. Touched on the auction's event loop only.
 */
final class HouseBidHolds {
  private final SpendHolds holds;
  private final FrequencyCounts frequency;
  private final List<CandidateBid> held = new ArrayList<>();

  HouseBidHolds(SpendHolds holds, FrequencyCounts frequency) {
    this.holds = holds;
    this.frequency = frequency;
  }

  /** A house bid enters the auction. */
  void hold(CandidateBid bid) {
    holds.hold(bid.campaignId(), SpendHolds.impressionMicros(bid.campaign()));
    held.add(bid);
  }

  /**
   * At the close. {@code billable}: false for test and warm-up auctions, which are never billed;
   * {@code frequencyKey}: the user caps count, or null.
   */
  void settle(List<ImpDecision> decisions, boolean billable, String frequencyKey) {
    for (CandidateBid b : held) {
      long micros = SpendHolds.impressionMicros(b.campaign());
      if (billable && wins(decisions, b)) {
        holds.won(b.bid().id(), b.campaignId(), micros);
        if (frequencyKey != null && b.campaign().delivery().frequencyCap() != null) {
          frequency.count(b.bid().id(), b.campaignId(), frequencyKey, System.currentTimeMillis());
        }
      } else {
        holds.release(b.campaignId(), micros);
      }
    }
    held.clear();
  }

  /** The auction failed before its close: every hold goes. */
  void releaseAll() {
    settle(List.of(), false, null);
  }

  private static boolean wins(List<ImpDecision> decisions, CandidateBid bid) {
    for (ImpDecision d : decisions) {
      if (d.winner() == bid) {
        return true;
      }
    }
    return false;
  }
}
