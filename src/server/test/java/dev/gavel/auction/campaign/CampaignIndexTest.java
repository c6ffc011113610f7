package dev.gavel.auction.campaign;

import static dev.gavel.auction.campaign.Fixtures.HD;
import static dev.gavel.auction.campaign.Fixtures.LEADERBOARD;
import static dev.gavel.auction.campaign.Fixtures.MOBILE;
import static dev.gavel.auction.campaign.Fixtures.MREC;
import static dev.gavel.auction.campaign.Fixtures.VGA;
import static dev.gavel.auction.campaign.Fixtures.banner;
import static dev.gavel.auction.campaign.Fixtures.campaign;
import static dev.gavel.auction.campaign.Fixtures.fluid;
import static dev.gavel.auction.campaign.Fixtures.slot;
import static dev.gavel.auction.campaign.Fixtures.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignIndexTest {

  /** Ids of matching campaigns; also checks that explain agrees with match on the count. */
  private static List<String> matchIds(CampaignIndex index, AdSlot slot, BudgetView budgets) {
    List<String> ids = index.match(slot, budgets).stream().map(c -> c.campaign().id()).toList();
    assertThat(index.explain(slot, budgets).matched()).isEqualTo(Set.copyOf(ids).size());
    return ids;
  }

  private static List<String> matchIds(CampaignIndex index, AdSlot slot) {
    return matchIds(index, slot, BudgetSnapshot.EMPTY);
  }

  private static CampaignIndex index(Fixtures.CampaignSpec... specs) {
    return CampaignIndex.of(java.util.Arrays.stream(specs).map(Fixtures.CampaignSpec::build).toList());
  }

  @Test
  void mediaTypeMustBeOffered() {
    CampaignIndex index = index(campaign("banner"), campaign("video").creative(video(VGA)),
        campaign("audio").creative(fluid(MediaType.AUDIO)),
        campaign("native").creative(fluid(MediaType.NATIVE)));

    assertThat(matchIds(index, slot().build())).containsExactly("banner");
    assertThat(matchIds(index, slot().mediaTypes(MediaType.VIDEO).build())).containsExactly("video");
    assertThat(matchIds(index, slot().mediaTypes(MediaType.AUDIO, MediaType.NATIVE).build()))
        .containsExactly("audio", "native");
    assertThat(index.explain(slot().build(), BudgetSnapshot.EMPTY).filtered(FilterReason.MEDIA_TYPE))
        .isEqualTo(3);
    assertThat(MediaType.AUDIO.mtype()).isEqualTo(3);
  }

  @Test
  void candidatesComeHighestBidFirstThenByCampaignId() {
    CampaignIndex index = index(campaign("cheap").bid(1_000_000), campaign("b-dear").bid(3_000_000),
        campaign("a-dear").bid(3_000_000), campaign("middle").bid(2_000_000));

    assertThat(matchIds(index, slot().build())).containsExactly("a-dear", "b-dear", "middle", "cheap");
    assertThat(index.campaigns()).extracting(Campaign::id).as("the list keeps the order given")
        .containsExactly("cheap", "b-dear", "a-dear", "middle");
    List<String> walked = new java.util.ArrayList<>();
    index.walk(slot().build(), BudgetSnapshot.EMPTY, System.currentTimeMillis(), c -> walked.add(c.campaign().id()) && walked.size() < 2);
    assertThat(walked).as("the walk ends when the sink says so").containsExactly("a-dear", "b-dear");
  }

  @Test
  void bannerSizeMustBeAmongTheSlotFormats() {
    CampaignIndex index = index(campaign("mrec"), campaign("leaderboard").creative(banner(LEADERBOARD)),
        campaign("mobile").creative(banner(MOBILE)));

    assertThat(matchIds(index, slot().bannerSizes(MREC).build())).containsExactly("mrec");
    List<CampaignCandidate> multi = index.match(
        slot().bannerSizes(LEADERBOARD, MREC).build(), BudgetSnapshot.EMPTY);
    assertThat(multi).extracting(c -> c.campaign().id(), CampaignCandidate::size)
        .containsExactly(tuple("leaderboard", LEADERBOARD), tuple("mrec", MREC)); // equal bids: by id
    assertThat(matchIds(index, slot().bannerSizes().build())).isEmpty();
    assertThat(index.explain(slot().bannerSizes(MREC).build(), BudgetSnapshot.EMPTY)
        .filtered(FilterReason.SIZE)).isEqualTo(2);
  }

  @Test
  void fluidBannerFillsTheFirstSlotSizeItTargets() {
    CampaignIndex index = index(
        campaign("responsive").creative(fluid(MediaType.BANNER)).sizes(MOBILE, LEADERBOARD),
        campaign("anywhere").creative(fluid(MediaType.BANNER)));

    assertThat(index.match(slot().bannerSizes(MREC, LEADERBOARD, MOBILE).build(), BudgetSnapshot.EMPTY))
        .extracting(c -> c.campaign().id(), CampaignCandidate::size)
        .containsExactly(tuple("anywhere", MREC), tuple("responsive", LEADERBOARD));
    assertThat(matchIds(index, slot().bannerSizes(MREC).build())).containsExactly("anywhere");
  }

  @Test
  void videoSizeMustMatchOnlyWhenTheSlotGivesOne() {
    CampaignIndex index = index(campaign("vga").creative(video(VGA)),
        campaign("hd").creative(video(HD)),
        campaign("fluid-hd").creative(fluid(MediaType.VIDEO)).sizes(HD));

    AdSlot vgaPlayer = slot().mediaTypes(MediaType.VIDEO).videoSize(VGA).build();
    assertThat(matchIds(index, vgaPlayer)).containsExactly("vga");
    AdSlot hdPlayer = slot().mediaTypes(MediaType.VIDEO).videoSize(HD).build();
    assertThat(index.match(hdPlayer, BudgetSnapshot.EMPTY))
        .extracting(c -> c.campaign().id(), CampaignCandidate::size, CampaignCandidate::mediaType)
        .containsExactly(tuple("fluid-hd", HD, MediaType.VIDEO), tuple("hd", HD, MediaType.VIDEO));
    AdSlot anyPlayer = slot().mediaTypes(MediaType.VIDEO).build();
    assertThat(index.match(anyPlayer, BudgetSnapshot.EMPTY))
        .extracting(CampaignCandidate::size).containsExactly(null, HD, VGA); // fluid-hd, hd, vga
  }

  @Test
  void multiFormatSlotGetsBannerAndVideoCandidates() {
    CampaignIndex index = index(campaign("banner"), campaign("video").creative(video(VGA)));
    AdSlot slot = slot().mediaTypes(MediaType.BANNER, MediaType.VIDEO).videoSize(VGA).build();

    assertThat(index.match(slot, BudgetSnapshot.EMPTY)).extracting(CampaignCandidate::mediaType)
        .containsExactly(MediaType.BANNER, MediaType.VIDEO);
  }

  @Test
  void siteCampaignsDoNotRunInAppsAndAppCampaignsDoNotRunOnSites() {
    CampaignIndex index = index(campaign("any"), campaign("site").sites("www.News.example"),
        campaign("app").apps("com.Example.Game"),
        campaign("both").sites("recipes.example").apps("com.example.game"));

    assertThat(matchIds(index, slot().site("WWW.NEWS.EXAMPLE").build())).containsExactly("any", "site");
    assertThat(matchIds(index, slot().site("other.example").build())).containsExactly("any");
    assertThat(matchIds(index, slot().app("com.example.game").build())).containsExactly("any", "app", "both");
    assertThat(matchIds(index, slot().site("recipes.example").build())).containsExactly("any", "both");
    assertThat(matchIds(index, slot().site(null).build())).containsExactly("any");
    assertThat(index.explain(slot().site("other.example").build(), BudgetSnapshot.EMPTY)
        .filtered(FilterReason.INVENTORY)).isEqualTo(3);
  }

  @Test
  void countryTargetingWithEmptyMeaningAnyAndNullMatchingOnlyAny() {
    CampaignIndex index = index(campaign("any"), campaign("us").countries("USA", "CAN"),
        campaign("uk").countries("gbr"));

    assertThat(matchIds(index, slot().country("USA").build())).containsExactly("any", "us");
    assertThat(matchIds(index, slot().country("gbr").build())).containsExactly("any", "uk");
    assertThat(matchIds(index, slot().country("FRA").build())).containsExactly("any");
    assertThat(matchIds(index, slot().country(null).build())).containsExactly("any");
    assertThat(index.explain(slot().country(null).build(), BudgetSnapshot.EMPTY)
        .filtered(FilterReason.COUNTRY)).isEqualTo(2);
  }

  @Test
  void deviceTypeTargetingWithEmptyMeaningAnyAndNullMatchingOnlyAny() {
    CampaignIndex index = index(campaign("any"), campaign("phones").devices(4, 5),
        campaign("ctv").devices(3, 7));

    assertThat(matchIds(index, slot().device(4).build())).containsExactly("any", "phones");
    assertThat(matchIds(index, slot().device(7).build())).containsExactly("any", "ctv");
    assertThat(matchIds(index, slot().device(2).build())).containsExactly("any");
    assertThat(matchIds(index, slot().device(null).build())).containsExactly("any");
    assertThat(index.explain(slot().device(2).build(), BudgetSnapshot.EMPTY)
        .filtered(FilterReason.DEVICE_TYPE)).isEqualTo(2);
  }

  @Test
  void blockedAdvertiserDomainsAreNormalised() {
    CampaignIndex index = index(campaign("acme").adomain("acmeshoes.com"),
        campaign("other").adomain("brightlinebank.com"));

    assertThat(matchIds(index, slot().blockedAdomains("WWW.AcmeShoes.com").build()))
        .containsExactly("other");
  }

  @Test
  void blockedCategoryAlsoBlocksItsSubcategories() {
    CampaignIndex index = index(campaign("auto").categories("IAB2"),
        campaign("auto-suv").categories("IAB19", "IAB2-3"),
        campaign("food").categories("IAB8"));

    assertThat(matchIds(index, slot().blockedCategories("IAB2").build())).containsExactly("food");
    assertThat(matchIds(index, slot().blockedCategories("IAB2-3").build())).containsExactly("auto", "food");
    assertThat(matchIds(index, slot().blockedCategories("IAB7").build()))
        .containsExactly("auto", "auto-suv", "food");
    assertThat(index.explain(slot().blockedCategories("IAB2").build(), BudgetSnapshot.EMPTY)
        .filtered(FilterReason.BLOCKED)).isEqualTo(2);
  }

  @Test
  void exhaustedBudgetsStopBiddingAtTheLimitNotBefore() {
    CampaignIndex index = index(campaign("c").budgets(500_000_000, 2_000_000_000));
    AdSlot slot = slot().build();

    assertThat(matchIds(index, slot, BudgetSnapshot.EMPTY.with("c", 499_999_999, 1_999_999_999)))
        .containsExactly("c");
    assertThat(matchIds(index, slot, BudgetSnapshot.EMPTY.with("c", 500_000_000, 500_000_000))).isEmpty();
    assertThat(matchIds(index, slot, BudgetSnapshot.EMPTY.with("c", 0, 2_000_000_000))).isEmpty();
    assertThat(index.explain(slot, BudgetSnapshot.EMPTY.with("c", 0, 2_000_000_000))
        .filtered(FilterReason.BUDGET_EXHAUSTED)).isEqualTo(1);
  }

  @Test
  void privateAuctionAdmitsOnlyCampaignsHoldingAnOfferedDeal() {
    CampaignIndex index = index(campaign("open"),
        campaign("deal-only").deals(false, "deal-a"),
        campaign("deal-and-open").deals(true, "deal-a", "deal-b"));

    List<CampaignCandidate> privateSlot =
        index.match(slot().deals(true, "deal-b", "deal-a").build(), BudgetSnapshot.EMPTY);
    assertThat(privateSlot).extracting(c -> c.campaign().id(), CampaignCandidate::dealId).containsExactly(
        tuple("deal-and-open", "deal-a"), tuple("deal-and-open", "deal-b"), tuple("deal-only", "deal-a"));
    assertThat(index.explain(slot().deals(true, "deal-z").build(), BudgetSnapshot.EMPTY).filteredByReason())
        .containsEntry("deal", 3);
  }

  @Test
  void openAuctionAdmitsOpenCampaignsAndDealCampaignsOnTheirDeals() {
    CampaignIndex index = index(campaign("open"),
        campaign("deal-only").deals(false, "deal-a"),
        campaign("deal-and-open").deals(true, "deal-a", "deal-b"));

    assertThat(index.match(slot().build(), BudgetSnapshot.EMPTY))
        .extracting(c -> c.campaign().id(), CampaignCandidate::dealId)
        .containsExactly(tuple("deal-and-open", null), tuple("open", null));
    assertThat(index.match(slot().deals(false, "deal-a").build(), BudgetSnapshot.EMPTY))
        .extracting(c -> c.campaign().id(), CampaignCandidate::dealId).containsExactly(
            tuple("deal-and-open", "deal-a"), tuple("deal-and-open", null),
            tuple("deal-only", "deal-a"), tuple("open", null));
  }

  @Test
  void explainCountsEachCampaignUnderItsFirstFailedRule() {
    CampaignIndex index = index(campaign("ok"), campaign("video").creative(video(VGA)),
        campaign("size").creative(banner(LEADERBOARD)), campaign("uk").countries("GBR"),
        campaign("ctv").devices(3).countries("GBR"), campaign("broke").budgets(0, 0));

    MatchExplanation why = index.explain(slot().build(), BudgetSnapshot.EMPTY);
    assertThat(why.campaigns()).isEqualTo(6);
    assertThat(why.matched()).isEqualTo(1);
    assertThat(why.filteredByReason()).containsExactly(
        java.util.Map.entry("media_type", 1), java.util.Map.entry("size", 1),
        java.util.Map.entry("inventory", 0), java.util.Map.entry("country", 2),
        java.util.Map.entry("device_type", 0), java.util.Map.entry("blocked", 0), java.util.Map.entry("flight", 0),
        java.util.Map.entry("budget_exhausted", 1), java.util.Map.entry("pacing", 0), java.util.Map.entry("deal", 0));
  }

  @Test
  void rejectsDuplicateIdsAndTargetingThatExcludesTheCreative() {
    assertThatThrownBy(() -> index(campaign("same"), campaign("same")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate campaign id 'same'");
    assertThatThrownBy(() -> campaign("c").mediaTypes(MediaType.VIDEO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude the creative's BANNER");
    assertThatThrownBy(() -> campaign("c").sizes(LEADERBOARD).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude the creative's 300x250");
    assertThat(index(campaign("c")).campaign("c")).isPresent();
  }
}
