package dev.gavel.auction;

import dev.gavel.auction.campaign.AdSlot;
import dev.gavel.auction.campaign.MediaType;
import dev.gavel.auction.campaign.Size;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.Deal;
import dev.gavel.openrtb.Format;
import dev.gavel.openrtb.Imp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Translates an OpenRTB imp, in the context of its request, into the campaign index's query. */
final class AdSlots {
  private static final int MAX_SIDE = 65_535;

  private AdSlots() {}

  static AdSlot of(BidRequest request, Imp imp) {
    String country = request.device() != null && request.device().geo() != null ? request.device().geo().country() : null;
    if (country == null && request.user() != null && request.user().geo() != null) {
      country = request.user().geo().country();
    }
    return new AdSlot(
        imp.id(),
        mediaTypes(imp),
        bannerSizes(imp),
        imp.video() != null ? size(imp.video().w(), imp.video().h()) : null,
        request.site() != null ? request.site().domain() : null,
        request.app() != null ? request.app().bundle() : null,
        country,
        request.device() != null ? request.device().devicetype() : null,
        dealIds(imp),
        imp.pmp() != null && Integer.valueOf(1).equals(imp.pmp().privateAuction()),
        asSet(request.badv()),
        asSet(request.bcat()));
  }

  private static Set<MediaType> mediaTypes(Imp imp) {
    Set<MediaType> types = EnumSet.noneOf(MediaType.class);
    if (imp.banner() != null) {
      types.add(MediaType.BANNER);
    }
    if (imp.video() != null) {
      types.add(MediaType.VIDEO);
    }
    if (imp.audio() != null) {
      types.add(MediaType.AUDIO);
    }
    if (imp.nativeAd() != null) {
      types.add(MediaType.NATIVE);
    }
    return types;
  }

  private static List<Size> bannerSizes(Imp imp) {
    if (imp.banner() == null) {
      return List.of();
    }
    List<Size> sizes = new ArrayList<>();
    if (imp.banner().format() != null) {
      for (Format f : imp.banner().format()) {
        Size size = size(f.w(), f.h());
        if (size != null) {
          sizes.add(size);
        }
      }
    }
    Size own = size(imp.banner().w(), imp.banner().h());
    if (sizes.isEmpty() && own != null) {
      sizes.add(own);
    }
    return sizes;
  }

  /** A usable size, or null: 0x0 formats are common in real traffic and simply match nothing fixed. */
  private static Size size(Integer w, Integer h) {
    if (w == null || h == null || w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
      return null;
    }
    return new Size(w, h);
  }

  private static Set<String> dealIds(Imp imp) {
    if (imp.pmp() == null || imp.pmp().deals() == null) {
      return Set.of();
    }
    Set<String> ids = new LinkedHashSet<>();
    for (Deal deal : imp.pmp().deals()) {
      ids.add(deal.id());
    }
    return ids;
  }

  private static Set<String> asSet(List<String> values) {
    return values == null ? Set.of() : Set.copyOf(values);
  }
}
