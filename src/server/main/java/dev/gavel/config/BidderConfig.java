package dev.gavel.config;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One external OpenRTB bidder. It sees only the imps of the media types it takes, and its
 * outbound {@code tmax} is the auction's remaining time less {@code tmaxDeductionMs} (its share
 * of network time). At most {@code maxInFlight} calls to it are open at once (in the whole process,
 * late ones included); an auction that finds them all taken does not call it (outcome
 * {@code throttled}), so a slow partner cannot take connections, memory or time from the others.
 * {@code gvlVendorId} is its IAB Global Vendor List id (0: none): under GDPR it is called only with
 * consent for it (see {@code auction.privacy.RequestPrivacy}). {@code checks} say what a bid
 * failing a creative check gets; {@code bidAdjustment} multiplies its prices before the auction;
 * {@code ortbVersion} is the OpenRTB version it reads (2.6, or 2.5: fields sent where 2.5 had them).
 */
public record BidderConfig(String name, URI url, boolean enabled, int tmaxDeductionMs, Set<String> mediaTypes, int maxInFlight,
                           int gvlVendorId, BidChecks checks, BigDecimal bidAdjustment, String ortbVersion) {

  public BidderConfig(String name, URI url, boolean enabled, int tmaxDeductionMs, Set<String> mediaTypes, int maxInFlight) {
    this(name, url, enabled, tmaxDeductionMs, mediaTypes, maxInFlight, 0, BidChecks.ENFORCED, BigDecimal.ONE, "2.6");
  }

  /** Whether it reads OpenRTB 2.5, where several 2.6 fields still sat in {@code ext}. */
  public boolean speaks25() {
    return ortbVersion.equals("2.5");
  }

  private static final List<String> ALL_MEDIA = List.of("banner", "video", "audio", "native");
  /** Reserved: the name the warm-up's loopback bidder goes by in the metrics. */
  public static final String WARM_UP_BIDDER = "gavel-warm-up";

  static BidderConfig from(ConfigReader r) {
    String name = r.requiredString("name");
    if (!name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
      throw new ConfigException(r.key("name") + ": use 1-40 lowercase letters, digits, '-' or '_', got '" + name + "'");
    }
    if (name.equals(WARM_UP_BIDDER)) {
      throw new ConfigException(r.key("name") + ": '" + WARM_UP_BIDDER + "' is the start-up warm-up's own loopback bidder");
    }
    URI url = parseUrl(r, r.requiredString("url"));
    List<String> media = r.strings("mediaTypes", ALL_MEDIA);
    for (String m : media) {
      if (!ALL_MEDIA.contains(m.toLowerCase(Locale.ROOT))) {
        throw new ConfigException(r.key("mediaTypes") + ": unknown media type '" + m + "', expected one of " + ALL_MEDIA);
      }
    }
    return new BidderConfig(
        name,
        url,
        r.boolValue("enabled", true),
        r.intValue("tmaxDeductionMs", 0, 0, 10_000),
        Set.copyOf(media.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList()),
        r.intValue("maxInFlight", 64, 1, 100_000),
        r.intValue("gvlVendorId", 0, 0, 65_535),
        BidChecks.from(r.section("checks")),
        bidAdjustment(r),
        ortbVersion(r));
  }

  private static String ortbVersion(ConfigReader r) {
    String version = r.string("ortbVersion", "2.6");
    if (!version.equals("2.5") && !version.equals("2.6")) {
      throw new ConfigException(r.key("ortbVersion") + ": expected \"2.5\" or \"2.6\", got '" + version + "'");
    }
    return version;
  }

  /** An exact decimal factor on its bid prices before the auction (a gross-to-net deduction, say). */
  private static BigDecimal bidAdjustment(ConfigReader r) {
    if (r.json().getValue("bidAdjustment") == null) {
      return BigDecimal.ONE;
    }
    BigDecimal factor = r.decimal("bidAdjustment");
    if (factor.signum() <= 0 || factor.compareTo(BigDecimal.TEN) > 0) {
      throw new ConfigException(r.key("bidAdjustment") + ": must be above 0 and at most 10, got " + factor.toPlainString());
    }
    return factor;
  }

  private static URI parseUrl(ConfigReader r, String text) {
    try {
      URI url = URI.create(text);
      if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return url;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(r.key("url") + ": expected an http(s) URL, got '" + text + "'");
    }
  }

  public boolean takes(String mediaType) {
    return mediaTypes.contains(mediaType);
  }
}
