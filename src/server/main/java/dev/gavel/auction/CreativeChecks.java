package dev.gavel.auction;

import dev.gavel.openrtb.Banner;
import dev.gavel.openrtb.Bid;
import dev.gavel.openrtb.Format;
import dev.gavel.openrtb.Imp;

/**
 * The creative checks on a bid against its imp: what, if anything, is wrong with it (null: nothing).
 * What to do with a finding is the bidder's {@code checks} config ({@link BidScreen}).
 */
final class CreativeChecks {
  /** Bid media type 1: banner (OpenRTB 2.6 {@code mtype}). */
  private static final int MTYPE_BANNER = 1;

  private CreativeChecks() {}

  /**
   * A secure imp's markup that loads an {@code http://} resource (also written {@code http:\/\/} in
   * JSON-escaped native or VAST). A link the user may follow ({@code href}) is not loaded, so not
   * mixed content.
   */
  static String insecure(Imp imp, Bid bid) {
    String adm = bid.adm();
    if (!Integer.valueOf(1).equals(imp.secure()) || adm == null) {
      return null;
    }
    // Scanned in place, ignoring case: markup runs to kilobytes, and most imps are secure.
    for (int at = 0; at + 7 <= adm.length(); at++) {
      char c = adm.charAt(at);
      if ((c == 'h' || c == 'H') && (adm.regionMatches(true, at, "http://", 0, 7) || adm.regionMatches(true, at, "http:\\/\\/", 0, 9))
          && !isLink(adm, at)) {
        int end = Math.min(adm.length(), at + 60);
        return "the imp is secure and the markup loads " + adm.substring(at, end) + (end < adm.length() ? "..." : "");
      }
    }
    return null;
  }

  /** A banner bid whose size is none of the imp's; a bid without a size passes only where the imp has one size. */
  static String wrongSize(Imp imp, Bid bid) {
    Banner banner = imp.banner();
    boolean asBanner = banner != null && (Integer.valueOf(MTYPE_BANNER).equals(bid.mtype())
        || (bid.mtype() == null && imp.video() == null && imp.audio() == null && imp.nativeAd() == null));
    if (!asBanner) {
      return null;
    }
    int sizes = 0;
    if (banner.w() != null && banner.h() != null) {
      sizes++;
      if (banner.w().equals(bid.w()) && banner.h().equals(bid.h())) {
        return null;
      }
    }
    if (banner.format() != null) {
      for (Format f : banner.format()) {
        if (f.w() == null || f.h() == null) {
          return null; // a flexible (ratio) format: no fixed size to hold the bid to
        }
        sizes++;
        if (f.w().equals(bid.w()) && f.h().equals(bid.h())) {
          return null;
        }
      }
    }
    if (sizes == 0 || (sizes == 1 && bid.w() == null && bid.h() == null)) {
      return null;
    }
    return bid.w() == null || bid.h() == null ? "the banner bid has no size and the imp allows several"
        : "the banner bid is " + bid.w() + "x" + bid.h() + ", which the imp does not allow";
  }

  /** Whether the URL at {@code at} is an attribute value of {@code href} (a link, not a resource). */
  private static boolean isLink(String adm, int at) {
    int i = at - 1;
    while (i >= 0 && (adm.charAt(i) == '"' || adm.charAt(i) == '\'' || adm.charAt(i) == '\\' || adm.charAt(i) == ' ')) {
      i--;
    }
    if (i < 0 || adm.charAt(i) != '=') {
      return false;
    }
    i--;
    while (i >= 0 && adm.charAt(i) == ' ') {
      i--;
    }
    return i >= 3 && adm.regionMatches(true, i - 3, "href", 0, 4);
  }
}
