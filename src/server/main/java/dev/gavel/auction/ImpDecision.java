package dev.gavel.auction;

import java.util.List;

/** The outcome for one imp: its floor, the winner and its clearing price (or none), and why each other bid lost. */
public record ImpDecision(String impId, long floorMicros, CandidateBid winner, long clearingMicros, List<BidLoss> losses) {

  public record BidLoss(CandidateBid bid, int lossReason) {}

  public boolean hasWinner() {
    return winner != null;
  }
}
