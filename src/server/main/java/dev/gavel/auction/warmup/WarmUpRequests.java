package dev.gavel.auction.warmup;

import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.MediaType;
import dev.gavel.auction.campaign.Size;
import dev.gavel.auction.campaign.Targeting;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up's bid requests: for each campaign one it would bid on (its media type, size,
 * inventory, country and device), plus open banner, video, native and audio requests, so the
 * paths real traffic takes through targeting, pricing and markup all run. All are test requests
 * ({@code test=1}: not billable, left out of the reports). Every eighth is answered late by the
 * loopback bidder, so the auction also closes by its deadline timer; some carry privacy signals;
 * one in forty is broken the ways real integrations break requests, and is refused with a 400.
 */
final class WarmUpRequests {
  private static final int LATE_EVERY = 8;
  private static final int TMAX = 200;
  /** Long enough to be run (not shed) whatever the margin, short of the loopback bidder's late answer. */
  private static final int LATE_TMAX = 300;

  /** A TCF v2.2 string (purposes 1-4 and vendor 1), made with IAB's reference encoder. */
  private static final String TCF = "CQtAQoAQtAQoAAHABBENCWEIAPAAAAAAAAYgAAoAAAAA";
  /** A GPP string with a US National section that opts out of sale. */
  private static final String GPP_US_OPT_OUT = "DBABLA~BEAaAAAAAABA.QA";
  private static final int PRIVACY_EVERY = 10;
  /**
   * Broken requests, never a late or a shed one's slot: without them in its profile the JIT
   * compiled the validator for valid input only, and threw that code away at live traffic's first
   * broken requests (recompiling it while the auctions waited).
   */
  private static final int INVALID_EVERY = 40;
  private static final int INVALID_SLOT = 20;

  private final List<JsonObject> shapes = new ArrayList<>();

  WarmUpRequests(List<Campaign> campaigns) {
    for (Campaign campaign : campaigns) {
      shapes.add(aimedAt(campaign));
    }
    shapes.add(open(imp("1").put("banner", banner(new Size(300, 250), new Size(728, 90)))));
    shapes.add(open(imp("1").put("video", video(640, 480))));
    shapes.add(open(imp("1").put("native", new JsonObject().put("request", "{\"ver\":\"1.2\",\"assets\":[]}"))));
    shapes.add(open(imp("1").put("audio", new JsonObject().put("mimes", new JsonArray().add("audio/mpeg")))));
    shapes.add(open(imp("1").put("banner", banner(new Size(320, 50)))).put("cur", new JsonArray().add("EUR")));
    shapes.add(open(imp("1").put("banner", banner(new Size(728, 90)))).put("at", 1));
    JsonObject twoImps = open(imp("1").put("banner", banner(new Size(728, 90))));
    twoImps.getJsonArray("imp").add(imp("2").put("banner", banner(new Size(300, 250))).put("bidfloor", 0.5).put("bidfloorcur", "EUR"));
    shapes.add(twoImps);
    shapes.replaceAll(WarmUpRequests::likeRealTraffic);
  }

  /** The fields real requests carry (user, regs, source, the viewer's device), so their parsing is warmed too. */
  private static JsonObject likeRealTraffic(JsonObject request) {
    JsonObject device = request.getJsonObject("device", new JsonObject());
    device.put("ua", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")
        .put("ip", "203.0.113.7").put("language", "en");
    return request.put("device", device)
        .put("user", new JsonObject().put("id", "warm-up-user"))
        .put("regs", new JsonObject().put("coppa", 0))
        .put("source", new JsonObject().put("tid", "warm-up"))
        .put("bcat", request.getJsonArray("bcat", new JsonArray().add("IAB25").add("IAB26")));
  }

  /** Whether the n-th request is a broken one, which Gavel must refuse with a 400. */
  static boolean invalid(long n) {
    return n % INVALID_EVERY == INVALID_SLOT;
  }

  /** The n-th request's body: the shapes in turn, each with its own id; broken when {@link #invalid}. */
  Buffer body(long n) {
    JsonObject request = shapes.get((int) (n % shapes.size())).copy();
    if (invalid(n)) {
      request.put("id", "warm-up-" + n).put("tmax", TMAX);
      return broken(request, n / INVALID_EVERY);
    }
    boolean late = n % LATE_EVERY == LATE_EVERY - 1;
    request.put("id", (late ? LoopbackBidder.LATE_PREFIX : "warm-up-") + n).put("tmax", late ? LATE_TMAX : TMAX);
    withPrivacySignals(request, n % PRIVACY_EVERY);
    return request.toBuffer();
  }

  /** A fault the request validator or the JSON reader must refuse, a different one in turn. */
  private static Buffer broken(JsonObject request, long turn) {
    JsonArray imps = request.getJsonArray("imp");
    switch ((int) (turn % 6)) {
      case 0 -> {
        String whole = request.encode();
        return Buffer.buffer(whole.substring(0, whole.length() / 2)); // cut off in transit
      }
      case 1 -> request.put("imp", new JsonArray());
      case 2 -> imps.forEach(imp -> ((JsonObject) imp).put("bidfloor", -1));
      case 3 -> request.put("app", new JsonObject().put("bundle", "invalid.gavel.warmup"))
          .put("site", new JsonObject().put("domain", "warm-up.gavel.invalid"));
      case 4 -> request.put("cur", new JsonArray().add("NOT-A-CURRENCY"));
      default -> request.remove("id");
    }
    return request.toBuffer();
  }

  /** Three in ten carry privacy signals (GDPR with a TCF string, US Privacy, GPP), so decoding and scrubbing are warm too. */
  private static void withPrivacySignals(JsonObject request, long slot) {
    JsonObject regs = request.getJsonObject("regs");
    if (slot == 1) {
      regs.put("gdpr", 1);
      request.getJsonObject("user").put("consent", TCF);
    } else if (slot == 2) {
      regs.put("us_privacy", "1YYN");
    } else if (slot == 3) {
      regs.put("gpp", GPP_US_OPT_OUT).put("gpp_sid", new JsonArray().add(7));
    }
  }

  private static JsonObject aimedAt(Campaign c) {
    Targeting t = c.targeting();
    Size size = c.creative().hasFixedSize() ? c.creative().size() : t.sizes().stream().findFirst().orElse(new Size(300, 250));
    JsonObject imp = imp("1").put("bidfloor", 0.01);
    switch (c.mediaType()) {
      case BANNER -> imp.put("banner", banner(size));
      case VIDEO -> imp.put("video", video(size.w(), size.h()));
      case AUDIO -> imp.put("audio", new JsonObject().put("mimes", new JsonArray().add("audio/mpeg")));
      case NATIVE -> imp.put("native", new JsonObject().put("request", "{\"ver\":\"1.2\",\"assets\":[]}"));
    }
    JsonObject request = new JsonObject().put("test", 1).put("imp", new JsonArray().add(imp));
    JsonObject device = new JsonObject().put("geo", new JsonObject().put("country", first(t.countries(), "USA")));
    t.deviceTypes().stream().findFirst().ifPresent(type -> device.put("devicetype", type));
    request.put("device", device);
    if (!t.siteDomains().isEmpty() || t.appBundles().isEmpty()) {
      request.put("site", new JsonObject().put("domain", first(t.siteDomains(), "warm-up.gavel.invalid"))
          .put("page", "https://" + first(t.siteDomains(), "warm-up.gavel.invalid") + "/")
          .put("publisher", new JsonObject().put("id", "warm-up")));
    } else {
      request.put("app", new JsonObject().put("bundle", first(t.appBundles(), "invalid.gavel.warmup"))
          .put("publisher", new JsonObject().put("id", "warm-up")));
    }
    if (!c.dealIds().isEmpty()) {
      imp.put("pmp", new JsonObject().put("deals", new JsonArray().add(new JsonObject().put("id", c.dealIds().iterator().next()))));
    }
    return request;
  }

  private static JsonObject open(JsonObject imp) {
    return new JsonObject().put("test", 1).put("imp", new JsonArray().add(imp))
        .put("site", new JsonObject().put("domain", "warm-up.gavel.invalid"))
        .put("device", new JsonObject().put("devicetype", 2).put("geo", new JsonObject().put("country", "USA")));
  }

  private static JsonObject imp(String id) {
    return new JsonObject().put("id", id);
  }

  private static JsonObject banner(Size... sizes) {
    JsonArray formats = new JsonArray();
    for (Size s : sizes) {
      formats.add(new JsonObject().put("w", s.w()).put("h", s.h()));
    }
    return new JsonObject().put("format", formats);
  }

  private static JsonObject video(int w, int h) {
    return new JsonObject().put("w", w).put("h", h).put("mimes", new JsonArray().add("video/mp4"));
  }

  private static String first(java.util.Set<String> values, String fallback) {
    return values.isEmpty() ? fallback : values.iterator().next();
  }
}
