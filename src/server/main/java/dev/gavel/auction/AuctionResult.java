package dev.gavel.auction;

import dev.gavel.auction.campaign.MatchExplanation;
import dev.gavel.openrtb.BidRequest;
import java.util.List;
import java.util.Map;

/**
 * Everything one auction decided, for the response and (later) the auction event.
 *
 * @param currency the auction's currency, or null when the request allowed none Gavel supports
 * @param campaignFilters per imp, why campaigns were filtered; only for test requests
 * @param notes human-readable reasons for what could not be auctioned (e.g. unsupported floor currency)
 * @param frequencyKey the user frequency caps count (hashed), carried in the winners' tracking; null: none
 */
public record AuctionResult(
    AuctionIds ids,
    BidRequest request,
    Deadline deadline,
    String currency,
    List<ImpDecision> decisions,
    List<BidderOutcome> bidders,
    Map<String, MatchExplanation> campaignFilters,
    List<String> notes,
    String frequencyKey) {

  public boolean hasWinner() {
    return decisions.stream().anyMatch(ImpDecision::hasWinner);
  }
}
