package dev.gavel.auction.campaign;

import java.util.List;
import java.util.Set;

/**
 * The neutral query built from one OpenRTB imp and its request: what the slot accepts and who
 * may not advertise on it. Null values (no country, no device type, ...) match only campaigns
 * that do not target that dimension.
 *
 * @param bannerSizes from banner.format, or banner w/h; in the publisher's order of preference
 * @param videoSize the video player size, or null when the request does not say
 * @param dealIds deal ids offered in imp.pmp
 * @param privateAuction imp.pmp.private_auction: only deal bids are allowed
 */
public record AdSlot(
    String impId,
    Set<MediaType> mediaTypes,
    List<Size> bannerSizes,
    Size videoSize,
    String siteDomain,
    String appBundle,
    String country,
    Integer deviceType,
    Set<String> dealIds,
    boolean privateAuction,
    Set<String> blockedAdomains,
    Set<String> blockedCategories) {

  public AdSlot {
    mediaTypes = mediaTypes == null ? Set.of() : Set.copyOf(mediaTypes);
    bannerSizes = bannerSizes == null ? List.of() : List.copyOf(bannerSizes);
    siteDomain = Normalize.domain(siteDomain);
    appBundle = Normalize.bundle(appBundle);
    country = Normalize.country(country);
    dealIds = dealIds == null ? Set.of() : Set.copyOf(dealIds);
    blockedAdomains = Normalize.all(blockedAdomains, Normalize::domain);
    blockedCategories = blockedCategories == null ? Set.of() : Set.copyOf(blockedCategories);
  }
}
