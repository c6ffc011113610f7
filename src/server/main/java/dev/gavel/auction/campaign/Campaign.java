package dev.gavel.auction.campaign;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One advertiser line item: what it pays, how much it may spend, where it runs and what it shows.
 * Money is in integer micros of USD (a 1.50 USD CPM is 1_500_000).
 *
 * <p>Deals: a campaign with no deal ids bids in the open auction only. A campaign with deal ids
 * bids on those deals when the slot offers them, and also in the open auction when {@code
 * openAuction} is true (the default); with {@code openAuction} false it bids on its deals only.
 * A campaign with no deals must allow the open auction, or it could never bid.
 *
 * @param advertiserDomain the adomain, checked against a request's blocked advertisers
 * @param categories IAB content categories of the ad, checked against blocked categories
 */
public record Campaign(
    String id,
    String advertiserDomain,
    long bidCpmMicros,
    long dailyBudgetMicros,
    long totalBudgetMicros,
    List<String> categories,
    Targeting targeting,
    Creative creative,
    Set<String> dealIds,
    boolean openAuction,
    Delivery delivery) {

  public Campaign {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("campaign id is required");
    }
    advertiserDomain = Normalize.domain(advertiserDomain);
    if (advertiserDomain == null || advertiserDomain.isEmpty()) {
      throw new IllegalArgumentException("advertiserDomain is required");
    }
    if (bidCpmMicros <= 0) {
      throw new IllegalArgumentException("bid CPM must be greater than zero");
    }
    if (dailyBudgetMicros < 0 || totalBudgetMicros < 0) {
      throw new IllegalArgumentException("budgets must not be negative");
    }
    categories = categories == null ? List.of() : List.copyOf(categories);
    Objects.requireNonNull(targeting, "targeting");
    Objects.requireNonNull(creative, "creative");
    dealIds = dealIds == null ? Set.of() : Set.copyOf(dealIds);
    if (dealIds.isEmpty() && !openAuction) {
      throw new IllegalArgumentException("a campaign without deal ids must allow the open auction");
    }
    checkCreativeFitsTargeting(targeting, creative);
    delivery = delivery == null ? Delivery.ALWAYS : delivery;
  }

  /** The media type this campaign bids with: its creative's. */
  public MediaType mediaType() {
    return creative.mediaType();
  }

  /** Exhausted when today's spend reached the daily budget or all spend reached the total. */
  private boolean budgetExhausted(BudgetView budgets) {
    return budgets.spentTodayMicros(id) >= dailyBudgetMicros
        || budgets.spentTotalMicros(id) >= totalBudgetMicros;
  }

  /** Why it may not bid at {@code nowMillis} for its budget or its delivery, or null when it may. */
  public FilterReason deliveryRefusal(BudgetView budgets, long nowMillis) {
    if (!delivery.inFlight(nowMillis)) {
      return FilterReason.FLIGHT;
    }
    if (budgetExhausted(budgets)) {
      return FilterReason.BUDGET_EXHAUSTED;
    }
    return delivery.onPace(dailyBudgetMicros, budgets.spentTodayMicros(id), nowMillis) ? null : FilterReason.PACING;
  }

  // Reject targeting that could never match the creative, rather than silently never bidding.
  private static void checkCreativeFitsTargeting(Targeting targeting, Creative creative) {
    MediaType type = creative.mediaType();
    if (!targeting.mediaTypes().isEmpty() && !targeting.mediaTypes().contains(type)) {
      throw new IllegalArgumentException(
          "targeting media types " + targeting.mediaTypes() + " exclude the creative's " + type);
    }
    if (targeting.sizes().isEmpty()) {
      return;
    }
    if (type != MediaType.BANNER && type != MediaType.VIDEO) {
      throw new IllegalArgumentException("size targeting applies to banner and video only");
    }
    if (creative.hasFixedSize() && !targeting.sizes().contains(creative.size())) {
      throw new IllegalArgumentException(
          "targeting sizes " + targeting.sizes() + " exclude the creative's " + creative.size());
    }
  }
}
