package dev.gavel.auction.campaign;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaigns that may bid on an ad slot, found fast. Built once from a campaign list and
 * immutable afterwards (a new campaign list means a new index), so it is safe to share between
 * event loops; spend changes arrive per call as a {@link BudgetView}.
 *
 * <p>Each targeting dimension is an inverted index from value to a bitset of campaign ordinals,
 * OR'ed with the campaigns that accept any value; the dimensions are AND'ed, blocked advertisers
 * and categories removed, and the survivors are checked one by one (budget, flight, pacing) and
 * turned into candidates. The rules are those of {@link CampaignFilter}, which explains no-bids.
 *
 * <p>Ordinals are bid order (the highest bid price first, then campaign id), so a walk over the
 * survivors meets the best-paying campaigns first and an auction that needs only the top few can
 * stop there ({@link #walk}) instead of checking the budget of every campaign that matches.
 */
public final class CampaignIndex {

  /** Highest bid price first, then campaign id: the order of ordinals and of candidates. */
  public static final Comparator<Campaign> BID_ORDER =
      Comparator.comparingLong(Campaign::bidCpmMicros).reversed().thenComparing(Campaign::id);

  private final List<Campaign> campaignList;
  /** By ordinal, in {@link #BID_ORDER}. */
  private final Campaign[] campaigns;
  private final Map<String, Campaign> byId;
  /** Per ordinal: the creative's size, or null when fluid; avoids allocating in the hot path. */
  private final Size[] fixedSizes;
  /** Per ordinal: the campaign's deal ids, sorted so that candidates come in a stable order. */
  private final String[][] dealIds;

  private final FormatIndex format;
  private final DimensionIndex<String> siteDomains;
  private final DimensionIndex<String> appBundles;
  private final BitSet anyInventory;
  private final DimensionIndex<String> countries;
  private final DimensionIndex<Integer> deviceTypes;
  private final DimensionIndex<String> deals;
  private final BitSet openAuction;
  private final DimensionIndex<String> adomains;
  /** Campaigns by category, and by parent category so that blocking "IAB3" catches "IAB3-1". */
  private final DimensionIndex<String> categories;

  /** Per-thread working bitsets, so matching allocates nothing but its result. */
  private final ThreadLocal<Scratch> scratch;

  private record Scratch(BitSet result, BitSet work) {}

  private CampaignIndex(List<Campaign> campaignList) {
    this.campaignList = List.copyOf(campaignList);
    int n = this.campaignList.size();
    this.campaigns = this.campaignList.stream().sorted(BID_ORDER).toArray(Campaign[]::new);
    this.byId = indexById(this.campaignList);
    this.fixedSizes = new Size[n];
    this.dealIds = new String[n][];
    Builders b = new Builders();
    for (int i = 0; i < n; i++) {
      Campaign campaign = campaigns[i];
      fixedSizes[i] = campaign.creative().size();
      dealIds[i] = campaign.dealIds().stream().sorted().toArray(String[]::new);
      b.add(campaign, i);
    }
    this.format = b.format.build();
    this.siteDomains = b.siteDomains.build();
    this.appBundles = b.appBundles.build();
    this.anyInventory = b.anyInventory;
    this.countries = b.countries.build();
    this.deviceTypes = b.deviceTypes.build();
    this.deals = b.deals.build();
    this.openAuction = b.openAuction;
    this.adomains = b.adomains.build();
    this.categories = b.categories.build();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(new BitSet(n), new BitSet(n)));
  }

  /** Collects every dimension while the campaigns are read, once, at build time. */
  private static final class Builders {
    final FormatIndex.Builder format = new FormatIndex.Builder();
    final DimensionIndex.Builder<String> siteDomains = new DimensionIndex.Builder<>();
    final DimensionIndex.Builder<String> appBundles = new DimensionIndex.Builder<>();
    final BitSet anyInventory = new BitSet();
    final DimensionIndex.Builder<String> countries = new DimensionIndex.Builder<>();
    final DimensionIndex.Builder<Integer> deviceTypes = new DimensionIndex.Builder<>();
    final DimensionIndex.Builder<String> deals = new DimensionIndex.Builder<>();
    final BitSet openAuction = new BitSet();
    final DimensionIndex.Builder<String> adomains = new DimensionIndex.Builder<>();
    final DimensionIndex.Builder<String> categories = new DimensionIndex.Builder<>();

    void add(Campaign campaign, int ordinal) {
      Targeting t = campaign.targeting();
      format.add(campaign, ordinal);
      anyInventory.set(ordinal, t.anyInventory());
      siteDomains.values(t.siteDomains(), ordinal);
      appBundles.values(t.appBundles(), ordinal);
      countries.valuesOrAny(t.countries(), ordinal);
      deviceTypes.valuesOrAny(t.deviceTypes(), ordinal);
      deals.values(campaign.dealIds(), ordinal);
      openAuction.set(ordinal, campaign.openAuction());
      adomains.value(campaign.advertiserDomain(), ordinal);
      for (String category : campaign.categories()) {
        categories.value(category, ordinal);
        String parent = CampaignFilter.parentCategory(category);
        if (parent != null) {
          categories.value(parent, ordinal);
        }
      }
    }
  }

  /** Builds the index; campaign ids must be unique. */
  public static CampaignIndex of(List<Campaign> campaigns) {
    return new CampaignIndex(campaigns);
  }

  /** The campaigns in the order given. */
  public List<Campaign> campaigns() {
    return campaignList;
  }

  public Optional<Campaign> campaign(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public int size() {
    return campaigns.length;
  }

  /** Receives a slot's candidates one by one; answers false to end the walk. */
  @FunctionalInterface
  public interface CandidateSink {
    boolean accept(CampaignCandidate candidate);
  }

  /**
   * Every campaign that may bid on the slot, in {@link #BID_ORDER}. A campaign bidding on deals
   * gives one candidate per deal the slot offers that it holds (sorted by deal id), then one for
   * the open auction if it may bid there too: the deals' floors are known only to the auction,
   * which picks at most one bid per campaign among them.
   */
  public List<CampaignCandidate> match(AdSlot slot, BudgetView budgets) {
    return match(slot, budgets, System.currentTimeMillis());
  }

  /** The same, at {@code nowMillis} (wall clock): flights and pacing are decided then. */
  public List<CampaignCandidate> match(AdSlot slot, BudgetView budgets, long nowMillis) {
    List<CampaignCandidate> candidates = new ArrayList<>();
    walk(slot, budgets, nowMillis, candidates::add);
    return candidates;
  }

  /**
   * The candidates of {@link #match}, in the same order, handed to {@code sink} until it answers
   * false. A campaign's budget, flight and pacing are checked only when the walk reaches it.
   */
  public void walk(AdSlot slot, BudgetView budgets, long nowMillis, CandidateSink sink) {
    Scratch s = scratch.get();
    BitSet result = s.result();
    BitSet work = s.work();
    format.matching(slot, result);
    if (!result.isEmpty()) {
      keepTargeted(slot, result, work);
      removeBlocked(slot, result, work);
    }
    for (int i = result.nextSetBit(0); i >= 0; i = result.nextSetBit(i + 1)) {
      if (campaigns[i].deliveryRefusal(budgets, nowMillis) == null && !offerCandidates(i, slot, sink)) {
        return;
      }
    }
  }

  /** Counts the campaigns filtered out by each reason; slower than {@link #match}, for test=1. */
  public MatchExplanation explain(AdSlot slot, BudgetView budgets) {
    return explain(slot, budgets, System.currentTimeMillis());
  }

  /** The same, at {@code nowMillis}. */
  public MatchExplanation explain(AdSlot slot, BudgetView budgets, long nowMillis) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (FilterReason reason : FilterReason.values()) {
      counts.put(reason.key(), 0);
    }
    int matched = 0;
    for (Campaign campaign : campaigns) {
      FilterReason reason = CampaignFilter.firstFailure(campaign, slot, budgets, nowMillis);
      if (reason == null) {
        matched++;
      } else {
        counts.merge(reason.key(), 1, Integer::sum);
      }
    }
    return new MatchExplanation(campaigns.length, counts, matched);
  }

  private void keepTargeted(AdSlot slot, BitSet result, BitSet work) {
    work.clear();
    work.or(anyInventory);
    siteDomains.orNaming(slot.siteDomain(), work);
    appBundles.orNaming(slot.appBundle(), work);
    result.and(work);

    countries.matching(slot.country(), work);
    result.and(work);
    deviceTypes.matching(slot.deviceType(), work);
    result.and(work);

    work.clear();
    if (!slot.privateAuction()) {
      work.or(openAuction);
    }
    for (String dealId : slot.dealIds()) {
      deals.orNaming(dealId, work);
    }
    result.and(work);
  }

  private void removeBlocked(AdSlot slot, BitSet result, BitSet work) {
    if (slot.blockedAdomains().isEmpty() && slot.blockedCategories().isEmpty()) {
      return;
    }
    work.clear();
    for (String adomain : slot.blockedAdomains()) {
      adomains.orNaming(adomain, work);
    }
    for (String category : slot.blockedCategories()) {
      categories.orNaming(category, work);
    }
    result.andNot(work);
  }

  /** Offers one campaign's candidates; false when the sink ended the walk. */
  private boolean offerCandidates(int ordinal, AdSlot slot, CandidateSink sink) {
    Campaign campaign = campaigns[ordinal];
    Size size = candidateSize(ordinal, slot);
    for (String dealId : dealIds[ordinal]) {
      if (slot.dealIds().contains(dealId)
          && !sink.accept(new CampaignCandidate(campaign, campaign.mediaType(), size, dealId))) {
        return false;
      }
    }
    if (!slot.privateAuction() && campaign.openAuction()) {
      return sink.accept(new CampaignCandidate(campaign, campaign.mediaType(), size, null));
    }
    return true;
  }

  /** The creative's size, or for a fluid creative the slot size it will fill. */
  private Size candidateSize(int ordinal, AdSlot slot) {
    if (fixedSizes[ordinal] != null) {
      return fixedSizes[ordinal];
    }
    Campaign campaign = campaigns[ordinal];
    switch (campaign.mediaType()) {
      case BANNER:
        var targeted = campaign.targeting().sizes();
        for (Size offered : slot.bannerSizes()) {
          if (targeted.isEmpty() || targeted.contains(offered)) {
            return offered;
          }
        }
        return null;
      case VIDEO:
        return slot.videoSize();
      default:
        return null;
    }
  }

  private static Map<String, Campaign> indexById(List<Campaign> campaigns) {
    Map<String, Campaign> byId = new HashMap<>();
    for (Campaign campaign : campaigns) {
      if (byId.put(campaign.id(), campaign) != null) {
        throw new IllegalArgumentException("duplicate campaign id '" + campaign.id() + "'");
      }
    }
    return Map.copyOf(byId);
  }
}
