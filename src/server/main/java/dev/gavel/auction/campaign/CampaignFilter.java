package dev.gavel.auction.campaign;

import java.util.List;
import java.util.Set;

/**
 * The matching rules written out one campaign at a time. {@link CampaignIndex#match} answers the
 * same question with bitsets; this plain form explains no-bids, where speed does not matter.
 */
final class CampaignFilter {

  private CampaignFilter() {}

  /** The first rule the campaign fails on the slot, or null when it may bid. */
  static FilterReason firstFailure(Campaign campaign, AdSlot slot, BudgetView budgets, long nowMillis) {
    Targeting targeting = campaign.targeting();
    if (!slot.mediaTypes().contains(campaign.mediaType())) {
      return FilterReason.MEDIA_TYPE;
    }
    if (!sizeFits(campaign, slot)) {
      return FilterReason.SIZE;
    }
    if (!inventoryFits(targeting, slot)) {
      return FilterReason.INVENTORY;
    }
    if (!acceptsValue(targeting.countries(), slot.country())) {
      return FilterReason.COUNTRY;
    }
    if (!acceptsValue(targeting.deviceTypes(), slot.deviceType())) {
      return FilterReason.DEVICE_TYPE;
    }
    if (isBlocked(campaign, slot)) {
      return FilterReason.BLOCKED;
    }
    FilterReason delivery = campaign.deliveryRefusal(budgets, nowMillis);
    if (delivery != null) {
      return delivery;
    }
    if (!dealFits(campaign, slot)) {
      return FilterReason.DEAL;
    }
    return null;
  }

  /**
   * Banner: a fixed-size creative's size must be one of the slot's; a fluid one needs a slot size
   * among its targeting sizes, or has no size targeting at all. Video: a size is checked only
   * when the slot gives one. Audio and native have no size.
   */
  static boolean sizeFits(Campaign campaign, AdSlot slot) {
    Set<Size> accepted = acceptedSizes(campaign);
    switch (campaign.mediaType()) {
      case BANNER:
        if (accepted.isEmpty()) {
          return true;
        }
        List<Size> offered = slot.bannerSizes();
        for (int i = 0; i < offered.size(); i++) {
          if (accepted.contains(offered.get(i))) {
            return true;
          }
        }
        return false;
      case VIDEO:
        return slot.videoSize() == null || accepted.isEmpty() || accepted.contains(slot.videoSize());
      default:
        return true;
    }
  }

  /** The slot sizes a campaign fits: its creative's size, else its targeting; empty = any. */
  static Set<Size> acceptedSizes(Campaign campaign) {
    Creative creative = campaign.creative();
    return creative.hasFixedSize() ? Set.of(creative.size()) : campaign.targeting().sizes();
  }

  static boolean inventoryFits(Targeting targeting, AdSlot slot) {
    return targeting.anyInventory()
        || (slot.siteDomain() != null && targeting.siteDomains().contains(slot.siteDomain()))
        || (slot.appBundle() != null && targeting.appBundles().contains(slot.appBundle()));
  }

  static boolean isBlocked(Campaign campaign, AdSlot slot) {
    if (slot.blockedAdomains().contains(campaign.advertiserDomain())) {
      return true;
    }
    for (String category : campaign.categories()) {
      if (categoryBlocked(category, slot.blockedCategories())) {
        return true;
      }
    }
    return false;
  }

  /** Blocking a tier-1 IAB category ("IAB3") also blocks its subcategories ("IAB3-1"). */
  static boolean categoryBlocked(String category, Set<String> blocked) {
    if (blocked.contains(category)) {
      return true;
    }
    String parent = parentCategory(category);
    return parent != null && blocked.contains(parent);
  }

  /** "IAB3" for "IAB3-1"; null for a category without a parent. */
  static String parentCategory(String category) {
    int dash = category.indexOf('-');
    return dash > 0 ? category.substring(0, dash) : null;
  }

  private static boolean dealFits(Campaign campaign, AdSlot slot) {
    if (!slot.privateAuction() && campaign.openAuction()) {
      return true;
    }
    for (String dealId : slot.dealIds()) {
      if (campaign.dealIds().contains(dealId)) {
        return true;
      }
    }
    return false;
  }

  private static <T> boolean acceptsValue(Set<T> targeted, T value) {
    return targeted.isEmpty() || (value != null && targeted.contains(value));
  }
}
