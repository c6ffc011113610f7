package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.CampaignCandidate;
import dev.gavel.auction.campaign.Creative;
import dev.gavel.auction.campaign.Delivery;
import dev.gavel.auction.campaign.MediaType;
import dev.gavel.auction.campaign.Size;
import dev.gavel.auction.campaign.Targeting;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The streaming top-k of CampaignBids keeps exactly what a full sort would put first. */
class CampaignBidsTest {

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
