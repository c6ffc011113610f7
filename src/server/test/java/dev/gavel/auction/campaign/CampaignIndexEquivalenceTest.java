package dev.gavel.auction.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bitset index must give exactly what a plain linear filter gives, on random data. */
class CampaignIndexEquivalenceTest {

  @Test
  void indexAgreesWithBruteForceOnRandomSlots() {
    RandomCampaigns random = new RandomCampaigns(20240611L);
    List<Campaign> campaigns = random.campaigns(10_000);
    BudgetSnapshot spend = random.spend(campaigns);
    CampaignIndex index = CampaignIndex.of(campaigns);

    int totalCandidates = 0;
    int slotsWithBids = 0;
    int dealCandidates = 0;
    for (int i = 0; i < 400; i++) {
      AdSlot slot = random.slot();
      List<CampaignCandidate> expected = bruteForce(campaigns, slot, spend);
      List<CampaignCandidate> actual = index.match(slot, spend);
      assertThat(actual).as("slot %d: %s", i, slot).isEqualTo(expected);
      assertThat(index.explain(slot, spend).matched())
          .isEqualTo((int) expected.stream().map(CampaignCandidate::campaign).distinct().count());
      totalCandidates += actual.size();
      slotsWithBids += actual.isEmpty() ? 0 : 1;
      dealCandidates += (int) actual.stream().filter(CampaignCandidate::isDeal).count();
    }
    // Guard against a vacuous comparison: the random data must produce real matches.
    assertThat(slotsWithBids).isGreaterThan(200);
    assertThat(totalCandidates).isGreaterThan(5_000);
    assertThat(dealCandidates).isGreaterThan(0);
  }

  /** The matching rules, straight from their description, one campaign at a time. */
  private static List<CampaignCandidate> bruteForce(
      List<Campaign> campaigns, AdSlot slot, BudgetView spend) {
    List<CampaignCandidate> result = new ArrayList<>();
    for (Campaign c : campaigns.stream().sorted(CampaignIndex.BID_ORDER).toList()) {
      Targeting t = c.targeting();
      Creative cr = c.creative();
      if (!slot.mediaTypes().contains(cr.mediaType())
          || !(t.mediaTypes().isEmpty() || t.mediaTypes().contains(cr.mediaType()))) {
        continue;
      }
      Size size = sizeFor(c, slot);
      boolean sizeOk = switch (cr.mediaType()) {
        case BANNER -> size != null || (!cr.hasFixedSize() && t.sizes().isEmpty());
        case VIDEO -> slot.videoSize() == null || size != null;
        default -> true;
      };
      boolean inventory = t.siteDomains().isEmpty() && t.appBundles().isEmpty()
          || slot.siteDomain() != null && t.siteDomains().contains(slot.siteDomain())
          || slot.appBundle() != null && t.appBundles().contains(slot.appBundle());
      boolean country = t.countries().isEmpty()
          || slot.country() != null && t.countries().contains(slot.country());
      boolean device = t.deviceTypes().isEmpty()
          || slot.deviceType() != null && t.deviceTypes().contains(slot.deviceType());
      boolean blocked = slot.blockedAdomains().contains(c.advertiserDomain())
          || c.categories().stream().anyMatch(cat -> slot.blockedCategories().contains(cat)
              || slot.blockedCategories().contains(cat.split("-")[0]));
      boolean exhausted = spend.spentTodayMicros(c.id()) >= c.dailyBudgetMicros()
          || spend.spentTotalMicros(c.id()) >= c.totalBudgetMicros();
      if (!sizeOk || !inventory || !country || !device || blocked || exhausted) {
        continue;
      }
      c.dealIds().stream().sorted().filter(slot.dealIds()::contains)
          .forEach(deal -> result.add(new CampaignCandidate(c, cr.mediaType(), size, deal)));
      if (!slot.privateAuction() && c.openAuction()) {
        result.add(new CampaignCandidate(c, cr.mediaType(), size, null));
      }
    }
    return result;
  }

  /** The size a campaign would bid with on the slot, or null when none fits or none applies. */
  private static Size sizeFor(Campaign c, AdSlot slot) {
    Creative cr = c.creative();
    Set<Size> accepted = cr.hasFixedSize() ? Set.of(cr.size()) : c.targeting().sizes();
    if (cr.mediaType() == MediaType.BANNER) {
      return slot.bannerSizes().stream()
          .filter(s -> accepted.isEmpty() || accepted.contains(s)).findFirst().orElse(null);
    }
    if (cr.mediaType() == MediaType.VIDEO) {
      Size player = slot.videoSize();
      if (player == null) {
        return cr.size();
      }
      return accepted.isEmpty() || accepted.contains(player) ? player : null;
    }
    return cr.size();
  }
}
