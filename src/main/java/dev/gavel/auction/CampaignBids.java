package dev.gavel.auction;

import dev.gavel.auction.campaign.AdSlot;
import dev.gavel.auction.campaign.BudgetView;
import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.CampaignCandidate;
import dev.gavel.auction.campaign.CampaignIndex;
import dev.gavel.auction.campaign.Creative;
import dev.gavel.auction.campaign.MatchExplanation;
import dev.gavel.openrtb.Bid;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Gavel's own demand: the campaigns the index matches for a slot, as bids in the auction's
 * currency under the house seat. Conversion rounds down, so a campaign never pays above its price.
 */
final class CampaignBids {
  static final String SOURCE = "campaigns";

  private final CampaignIndex index;
  private final CurrencyRates rates;
  private final String houseSeat;

  CampaignBids(CampaignIndex index, CurrencyRates rates, String houseSeat) {
    this.index = index;
    this.rates = rates;
    this.houseSeat = houseSeat;
  }

  List<CandidateBid> bidsFor(AdSlot slot, BudgetView budgets, String currency) {
    List<CampaignCandidate> matches = index.match(slot, budgets);
    List<CandidateBid> bids = new ArrayList<>(matches.size());
    for (CampaignCandidate match : matches) {
      Campaign campaign = match.campaign();
      long price = rates.convert(campaign.bidCpmMicros(), CurrencyRates.USD, currency, RoundingMode.DOWN);
      if (price > 0) {
        bids.add(new CandidateBid(houseSeat, SOURCE, toBid(slot.impId(), match, price), price, campaign));
      }
    }
    return bids;
  }

  MatchExplanation explain(AdSlot slot, BudgetView budgets) {
    return index.explain(slot, budgets);
  }

  private static Bid toBid(String impId, CampaignCandidate match, long priceMicros) {
    Campaign campaign = match.campaign();
    Creative creative = campaign.creative();
    Integer w = match.size() != null ? match.size().w() : null;
    Integer h = match.size() != null ? match.size().h() : null;
    return new Bid(
        Ids.bidId(), impId, Money.toDecimal(priceMicros), null, null, null, creative.markup(), creative.crid(),
        List.of(campaign.advertiserDomain()), null, null, campaign.id(), creative.crid(), null, null,
        campaign.categories().isEmpty() ? null : campaign.categories(), null, null, null, null, null,
        match.dealId(), w, h, null, null, null, null, match.mediaType().mtype(), null, null);
  }
}
