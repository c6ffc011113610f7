package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.auction.campaign.AdSlot;
import dev.gavel.auction.campaign.BudgetSnapshot;
import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.CampaignCandidate;
import dev.gavel.auction.campaign.CampaignIndex;
import dev.gavel.auction.campaign.Creative;
import dev.gavel.auction.campaign.Delivery;
import dev.gavel.auction.campaign.MediaType;
import dev.gavel.auction.campaign.RandomCampaigns;
import dev.gavel.auction.campaign.Size;
import dev.gavel.auction.campaign.Targeting;
import dev.gavel.config.CurrencyConfig;
import dev.gavel.money.CurrencyRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The streaming top-k of CampaignBids keeps exactly what a full sort would put first. */
class CampaignBidsTest {
  private static final CurrencyRates RATES = new CurrencyRates(new CurrencyConfig(Map.of(
      "USD", BigDecimal.ONE, "EUR", new BigDecimal("0.9213"), "JPY", new BigDecimal("151.37"))));
  private static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY");

  /**
   * The walk stops once the best are all bids that may win and the next campaign pays less; it
   * must keep exactly what pricing every matching campaign and sorting them all keeps, whatever
   * the floors, deals, currency, spent budgets and capped campaigns.
   */
  @Test
  void stoppingEarlyKeepsWhatAFullEvaluationKeeps() {
    RandomCampaigns random = new RandomCampaigns(20261202L);
    List<Campaign> campaigns = random.campaigns(3_000);
    BudgetSnapshot spend = random.spend(campaigns);
    CampaignIndex index = CampaignIndex.of(campaigns);
    Clock clock = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    CampaignBids bids = new CampaignBids(() -> index, RATES, "gavel", clock);
    Random dice = new Random(11);
    Predicate<Campaign> allowed = c -> Math.floorMod(c.id().hashCode(), 7) != 0; // a cap reached for some
    int stoppedEarly = 0;
    int withBids = 0;
    for (int i = 0; i < 600; i++) {
      AdSlot slot = random.slot();
      ImpTerms terms = terms(slot, dice);
      String currency = CURRENCIES.get(dice.nextInt(CURRENCIES.size()));
      List<CampaignCandidate> all = index.match(slot, spend, clock.millis());
      List<String> expected = fullEvaluation(all, terms, currency, allowed);
      List<String> actual = bids.bidsFor(index, slot, terms, spend, currency, allowed).stream()
          .map(b -> b.campaign().id() + "/" + b.bid().dealid() + "/" + b.priceMicros()).toList();
      assertThat(actual).as("slot %d: %s, %s", i, slot, terms).isEqualTo(expected);
      withBids += actual.isEmpty() ? 0 : 1;
      stoppedEarly += all.stream().map(CampaignCandidate::campaign).distinct().count() > 2L * CampaignBids.MAX_BIDS_PER_IMP
          && !actual.isEmpty() ? 1 : 0;
    }
    // Not vacuous: many slots get bids, and many have far more matches than the walk keeps.
    assertThat(withBids).isGreaterThan(300);
    assertThat(stoppedEarly).isGreaterThan(100);
  }

  /** Floors from nothing to above most bids; the slot's deals with floors of their own, or none. */
  private static ImpTerms terms(AdSlot slot, Random dice) {
    Map<String, ImpTerms.DealTerms> deals = new HashMap<>();
    for (String deal : slot.dealIds()) {
      deals.put(deal, new ImpTerms.DealTerms(deal, dice.nextInt(3) * 4_000_000L, null));
    }
    return new ImpTerms(slot.impId(), dice.nextInt(4) * 3_000_000L, slot.privateAuction(), deals);
  }

  /** Every campaign priced, one pick each (the first deal it may win, else its first candidate), all sorted. */
  private static List<String> fullEvaluation(List<CampaignCandidate> all, ImpTerms terms, String currency,
                                             Predicate<Campaign> allowed) {
    Map<Campaign, CampaignBids.Choice> picks = new LinkedHashMap<>();
    for (CampaignCandidate candidate : all) {
      Campaign campaign = candidate.campaign();
      long price = RATES.convert(campaign.bidCpmMicros(), "USD", currency, RoundingMode.DOWN);
      if (price <= 0 || !allowed.test(campaign)) {
        continue;
      }
      ImpTerms.DealTerms deal = candidate.dealId() == null ? null : terms.deals().get(candidate.dealId());
      boolean mayWin = candidate.dealId() == null
          ? !terms.privateAuction() && price >= terms.floorMicros()
          : deal != null && price >= deal.floorMicros();
      CampaignBids.Choice pick = picks.get(campaign);
      if (pick == null || !pick.qualifies() && mayWin) {
        picks.put(campaign, new CampaignBids.Choice(candidate, price, mayWin));
      }
    }
    return picks.values().stream().sorted(CampaignBids.Choice::compare).limit(CampaignBids.MAX_BIDS_PER_IMP)
        .map(c -> c.match().campaign().id() + "/" + c.match().dealId() + "/" + c.priceMicros()).toList();
  }

  @Test
  void keepingTheBestAsTheyStreamByEqualsSortingThemAll() {
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      int n = random.nextInt(40);
      List<CampaignBids.Choice> all = new ArrayList<>();
      CampaignBids.Choice[] best = new CampaignBids.Choice[CampaignBids.MAX_BIDS_PER_IMP];
      int kept = 0;
      for (int i = 0; i < n; i++) {
        // Few distinct prices, so ties (settled by campaign id) are common.
        CampaignBids.Choice c = new CampaignBids.Choice(candidate("c" + random.nextInt(1_000_000) + "-" + i),
            (1 + random.nextInt(4)) * 500_000L, random.nextInt(3) > 0);
        all.add(c);
        kept = CampaignBids.keepIfBest(best, kept, c);
      }
      all.sort(CampaignBids.Choice::compare);
      assertThat(java.util.Arrays.asList(best).subList(0, kept)).as("round %d of %d choices", round, n)
          .containsExactlyElementsOf(all.subList(0, Math.min(n, CampaignBids.MAX_BIDS_PER_IMP)));
    }
  }

  private static CampaignCandidate candidate(String id) {
    Size mrec = new Size(300, 250);
    Campaign campaign = new Campaign(id, "a.example", 1_000_000, 100_000_000, 1_000_000_000, List.of("IAB1"),
        new Targeting(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()),
        Creative.sized("cr", MediaType.BANNER, mrec, "<a href=\"${CLICK_URL}\">x</a>", "https://a.example/"),
        Set.of(), true, Delivery.ALWAYS);
    return new CampaignCandidate(campaign, MediaType.BANNER, mrec, null);
  }
}
