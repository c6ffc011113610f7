package dev.gavel.auction;

import dev.gavel.auction.campaign.Campaign;
import dev.gavel.openrtb.Bid;

/**
 * One bid competing for one imp, from a campaign or an external bidder, with its price already
 * in the auction's currency as micros.
 *
 * @param seat the seat it is answered under (the house seat for campaigns)
 * @param source the bidder's name, or "campaigns"
 * @param campaign the campaign behind it, or null for an external bid
 */
public record CandidateBid(String seat, String source, Bid bid, long priceMicros, Campaign campaign) {

  public String campaignId() {
    return campaign == null ? null : campaign.id();
  }

  public String impId() {
    return bid.impid();
  }

  public String dealId() {
    return bid.dealid();
  }
}
