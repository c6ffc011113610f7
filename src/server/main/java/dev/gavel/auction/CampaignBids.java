package dev.gavel.auction;

import dev.gavel.auction.campaign.AdSlot;
import dev.gavel.auction.campaign.BudgetView;
import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.CampaignCandidate;
import dev.gavel.auction.campaign.CampaignIndex;
import dev.gavel.auction.campaign.Creative;
import dev.gavel.auction.campaign.MatchExplanation;
import dev.gavel.money.CurrencyRates;
import dev.gavel.money.Money;
import dev.gavel.openrtb.Bid;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Gavel's own demand: the campaigns the index matches for a slot, as bids in the auction's
 * currency under the house seat. Conversion rounds down, so a campaign never pays above its price.
 */
final class CampaignBids {
  static final String SOURCE = "campaigns";
  static final int MAX_BIDS_PER_IMP = 5;

  private final Supplier<CampaignIndex> current;
  private final CurrencyRates rates;
  private final String houseSeat;
  private final Clock clock;

  /** @param index the campaigns as they are now; read once per auction ({@link #index()}) */
  CampaignBids(Supplier<CampaignIndex> index, CurrencyRates rates, String houseSeat) {
    this(index, rates, houseSeat, Clock.systemUTC());
  }

  /** @param clock the wall clock that flights and pacing are decided by */
  CampaignBids(Supplier<CampaignIndex> index, CurrencyRates rates, String houseSeat, Clock clock) {
    this.current = index;
    this.rates = rates;
    this.houseSeat = houseSeat;
    this.clock = clock;
  }

  /** The campaigns now: an auction takes this once, so all its imps see the same ones. */
  CampaignIndex index() {
    return current.get();
  }

  /** The seat Gavel's campaigns bid as. */
  String houseSeat() {
    return houseSeat;
  }

  /**
   * The house seat's bids for one imp: per campaign one candidate (the first of its deals whose
   * floor it meets, else the open auction), then only the {@value #MAX_BIDS_PER_IMP} best into
   * the auction. The others could not have won or set the second price, and with a thousand
   * matching campaigns, materialising (and recording) them all is what an auction cannot afford.
   * The index walks the campaigns highest price first ({@link CampaignIndex#BID_ORDER}), so once
   * the best are all bids that may win, a cheaper campaign cannot rank and the walk ends: most
   * matching campaigns are never priced, budget-checked or allocated for.
   */
  List<CandidateBid> bidsFor(CampaignIndex index, AdSlot slot, ImpTerms terms, BudgetView budgets, String currency,
                             Predicate<Campaign> allowed) {
    Picker picker = new Picker(terms, currency, allowed);
    index.walk(slot, budgets, clock.millis(), picker);
    picker.finish();
    List<CandidateBid> bids = new ArrayList<>(picker.kept);
    for (int i = 0; i < picker.kept; i++) {
      Choice c = picker.best[i];
      bids.add(new CandidateBid(houseSeat, SOURCE, toBid(slot.impId(), c.match(), c.priceMicros()), c.priceMicros(),
          c.match().campaign()));
    }
    return bids;
  }

  /**
   * Keeps the best as the candidates stream by, in a small sorted array: no map, no sort of them
   * all (sorting every match was the hot spot of a 1,000-campaign auction). A campaign's
   * candidates come together; {@code chosen} is the current campaign's pick so far.
   */
  private final class Picker implements CampaignIndex.CandidateSink {
    final Choice[] best = new Choice[MAX_BIDS_PER_IMP];
    int kept;
    private final ImpTerms terms;
    private final String currency;
    private final Predicate<Campaign> allowed;
    private Choice chosen;
    private Campaign skipped;

    Picker(ImpTerms terms, String currency, Predicate<Campaign> allowed) {
      this.terms = terms;
      this.currency = currency;
      this.allowed = allowed;
    }

    @Override
    public boolean accept(CampaignCandidate match) {
      Campaign campaign = match.campaign();
      if (campaign == skipped) {
        return true;
      }
      if (chosen != null && chosen.match().campaign() != campaign) {
        finish();
      }
      if (chosen != null) { // another deal of the same campaign: it can only improve a pick that may not win
        if (!chosen.qualifies() && qualifies(match.dealId(), chosen.priceMicros(), terms)) {
          chosen = new Choice(match, chosen.priceMicros(), true);
        }
        return true;
      }
      long price = rates.convert(campaign.bidCpmMicros(), CurrencyRates.USD, currency, RoundingMode.DOWN);
      if (full() && price < best[MAX_BIDS_PER_IMP - 1].priceMicros()) {
        return false; // every campaign from here pays at most this: none can rank
      }
      if (price <= 0 || !allowed.test(campaign)) { // its frequency cap reached for this user, say
        skipped = campaign;
        return true;
      }
      chosen = new Choice(match, price, qualifies(match.dealId(), price, terms));
      return true;
    }

    /** The best are all bids that may win: only a higher price could still rank. */
    private boolean full() {
      return kept == MAX_BIDS_PER_IMP && best[MAX_BIDS_PER_IMP - 1].qualifies();
    }

    void finish() {
      if (chosen != null) {
        kept = keepIfBest(best, kept, chosen);
        chosen = null;
      }
    }
  }

  /** Inserts {@code c} into {@code best} (sorted, {@code kept} filled) if it ranks; returns the new fill. */
  static int keepIfBest(Choice[] best, int kept, Choice c) {
    int at = kept;
    while (at > 0 && Choice.compare(c, best[at - 1]) < 0) {
      at--;
    }
    if (at >= best.length) {
      return kept;
    }
    int moved = Math.min(kept, best.length - 1) - at;
    System.arraycopy(best, at, best, at + 1, moved);
    best[at] = c;
    return Math.min(kept + 1, best.length);
  }

  /** One campaign's candidate for an imp, priced in the auction's currency. */
  record Choice(CampaignCandidate match, long priceMicros, boolean qualifies) {
    /** Those that may win first, then by price, then by campaign id (stable across auctions). */
    static int compare(Choice a, Choice b) {
      if (a.qualifies != b.qualifies) {
        return a.qualifies ? -1 : 1;
      }
      int byPrice = Long.compare(b.priceMicros, a.priceMicros);
      return byPrice != 0 ? byPrice : a.match.campaign().id().compareTo(b.match.campaign().id());
    }
  }

  private static boolean qualifies(String dealId, long priceMicros, ImpTerms terms) {
    if (dealId == null) {
      return !terms.privateAuction() && priceMicros >= terms.floorMicros();
    }
    ImpTerms.DealTerms deal = terms.deals().get(dealId);
    return deal != null && priceMicros >= deal.floorMicros();
  }

  MatchExplanation explain(CampaignIndex index, AdSlot slot, BudgetView budgets) {
    return index.explain(slot, budgets, clock.millis());
  }

  private static Bid toBid(String impId, CampaignCandidate match, long priceMicros) {
    Campaign campaign = match.campaign();
    Creative creative = campaign.creative();
    Integer w = match.size() != null ? match.size().w() : null;
    Integer h = match.size() != null ? match.size().h() : null;
    return new Bid(
        AuctionIds.bidId(), impId, Money.toDecimal(priceMicros), null, null, null, creative.markup(), creative.crid(),
        List.of(campaign.advertiserDomain()), null, null, campaign.id(), creative.crid(), null, null,
        campaign.categories().isEmpty() ? null : campaign.categories(), null, null, null, null, null,
        match.dealId(), w, h, null, null, null, null, match.mediaType().mtype(), null, null);
  }
}
