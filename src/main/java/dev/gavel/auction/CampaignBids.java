package dev.gavel.auction;

import dev.gavel.money.CurrencyRates;
import dev.gavel.money.Money;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * One bid per campaign: on the first of its deals whose floor it meets (deals come first), else
   * in the open auction; a campaign that qualifies nowhere still bids once, so the auction can
   * record why it lost.
   */
  List<CandidateBid> bidsFor(AdSlot slot, ImpTerms terms, BudgetView budgets, String currency) {
    Map<String, CandidateBid> byCampaign = new LinkedHashMap<>();
    for (CampaignCandidate match : index.match(slot, budgets)) {
      Campaign campaign = match.campaign();
      CandidateBid chosen = byCampaign.get(campaign.id());
      if (chosen != null && qualifies(chosen, terms)) {
        continue;
      }
      long price = rates.convert(campaign.bidCpmMicros(), CurrencyRates.USD, currency, RoundingMode.DOWN);
      if (price <= 0) {
        continue;
      }
      CandidateBid bid = new CandidateBid(houseSeat, SOURCE, toBid(slot.impId(), match, price), price, campaign);
      if (chosen == null || qualifies(bid, terms)) {
        byCampaign.put(campaign.id(), bid);
      }
    }
    return new ArrayList<>(byCampaign.values());
  }

  private static boolean qualifies(CandidateBid bid, ImpTerms terms) {
    if (bid.dealId() == null) {
      return !terms.privateAuction() && bid.priceMicros() >= terms.floorMicros();
    }
    ImpTerms.DealTerms deal = terms.deals().get(bid.dealId());
    return deal != null && bid.priceMicros() >= deal.floorMicros();
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
