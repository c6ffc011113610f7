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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gavel's own demand: the campaigns the index matches for a slot, as bids in the auction's
 * currency under the house seat. Conversion rounds down, so a campaign never pays above its price.
 */
final class CampaignBids {
  static final String SOURCE = "campaigns";
  static final int MAX_BIDS_PER_IMP = 5;

  private final CampaignIndex index;
  private final CurrencyRates rates;
  private final String houseSeat;

  CampaignBids(CampaignIndex index, CurrencyRates rates, String houseSeat) {
    this.index = index;
    this.rates = rates;
    this.houseSeat = houseSeat;
  }

  /**
   * The house seat's bids for one imp: per campaign one candidate (the first of its deals whose
   * floor it meets, else the open auction), then only the {@value #MAX_BIDS_PER_IMP} best into
   * the auction. The others could not have won or set the second price, and with a thousand
   * matching campaigns, materialising (and recording) them all is what an auction cannot afford.
   */
  List<CandidateBid> bidsFor(AdSlot slot, ImpTerms terms, BudgetView budgets, String currency) {
    Map<String, Choice> byCampaign = new HashMap<>();
    for (CampaignCandidate match : index.match(slot, budgets)) {
      Campaign campaign = match.campaign();
      Choice chosen = byCampaign.get(campaign.id());
      if (chosen != null && chosen.qualifies()) {
        continue;
      }
      long price = chosen != null ? chosen.priceMicros()
          : rates.convert(campaign.bidCpmMicros(), CurrencyRates.USD, currency, RoundingMode.DOWN);
      if (price <= 0) {
        continue;
      }
      boolean qualifies = qualifies(match.dealId(), price, terms);
      if (chosen == null || qualifies) {
        byCampaign.put(campaign.id(), new Choice(match, price, qualifies));
      }
    }
    List<Choice> best = new ArrayList<>(byCampaign.values());
    best.sort(Choice.BEST_FIRST);
    List<CandidateBid> bids = new ArrayList<>(Math.min(best.size(), MAX_BIDS_PER_IMP));
    for (Choice c : best.subList(0, Math.min(best.size(), MAX_BIDS_PER_IMP))) {
      Campaign campaign = c.match().campaign();
      bids.add(new CandidateBid(houseSeat, SOURCE, toBid(slot.impId(), c.match(), c.priceMicros()), c.priceMicros(), campaign));
    }
    return bids;
  }

  /** One campaign's candidate for an imp, priced in the auction's currency. */
  private record Choice(CampaignCandidate match, long priceMicros, boolean qualifies) {
    /** Those that may win first, then by price, then by campaign id (stable across auctions). */
    static final Comparator<Choice> BEST_FIRST = Comparator.comparing((Choice c) -> !c.qualifies())
        .thenComparing(Comparator.comparingLong(Choice::priceMicros).reversed())
        .thenComparing(c -> c.match().campaign().id());
  }

  private static boolean qualifies(String dealId, long priceMicros, ImpTerms terms) {
    if (dealId == null) {
      return !terms.privateAuction() && priceMicros >= terms.floorMicros();
    }
    ImpTerms.DealTerms deal = terms.deals().get(dealId);
    return deal != null && priceMicros >= deal.floorMicros();
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
