package dev.gavel.tools.demo;

import dev.gavel.tools.demo.Inventory.Target;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the bid requests: about half aimed at one sample campaign's targeting (its sites or apps,
 * countries, device types, format and deals), the rest open traffic over mixed formats and
 * inventory, and a sprinkle of invalid ones.
 */
final class RequestFactory {
  /**
   * One request to send: its body, whether Gavel should accept it, the viewer behind it, and how
   * long the publisher waits for the answer (its tmax, or Gavel's default of 300 ms).
   */
  record Planned(String body, boolean valid, Clients.Client client, int tmaxMs) {
    static final int DEFAULT_TMAX_MS = 300;
  }

  private record Placement(String key, JsonObject value, boolean inApp) {}

  private static final List<String> COUNTRIES = List.of(
      "USA", "USA", "USA", "USA", "USA", "USA", "USA", "USA", "USA", "GBR", "GBR", "CAN", "CAN", "DEU", "FRA", "AUS", "JPN", "BRA");
  private static final List<String> SECTIONS = List.of("", "news/today", "markets", "sports/scores", "recipes/quick-dinners",
      "reviews/laptops", "travel/weekend-ideas", "weather/10-day");
  private static final List<List<String>> DESKTOP_SIZES = List.of(
      List.of("300x250"), List.of("728x90"), List.of("300x600", "160x600"), List.of("160x600"), List.of("970x250", "728x90"),
      List.of("300x250"), List.of("728x90"));

  private final Inventory inventory;
  private final double invalidShare;

  RequestFactory(Inventory inventory, double invalidShare) {
    this.inventory = inventory;
    this.invalidShare = invalidShare;
  }

  Planned next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    double roll = r.nextDouble();
    if (roll < invalidShare) {
      Planned valid = open();
      return new Planned(InvalidRequests.breakIt(new JsonObject(valid.body())), false, valid.client(), valid.tmaxMs());
    }
    if (roll < invalidShare + 0.45 && !inventory.targets.isEmpty()) {
      return aimedAt(Inventory.pick(inventory.targets));
    }
    return open();
  }

  /** A request this campaign would bid on, often with one of its deals. */
  Planned aimedAt(Target t) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String size = t.sizes().isEmpty() ? null : Inventory.pick(t.sizes());
    int deviceType = t.deviceTypes().isEmpty() ? defaultDeviceType(t.type(), size) : Inventory.pick(t.deviceTypes());
    Placement placement;
    if (!t.siteDomains().isEmpty() && (t.appBundles().isEmpty() || r.nextBoolean())) {
      placement = site(Inventory.pick(t.siteDomains()));
    } else if (!t.appBundles().isEmpty()) {
      placement = app(Inventory.pick(t.appBundles()));
    } else if (deviceType == 3 || deviceType == 7) {
      placement = app(Inventory.pick(inventory.tvApps));
    } else if (t.type().equals("audio")) {
      placement = app(Inventory.pick(inventory.audioApps));
    } else {
      placement = r.nextDouble() < 0.7 ? site(Inventory.pick(inventory.sites)) : app(Inventory.pick(inventory.apps));
    }
    JsonObject imp = imp("1", t.type(), size);
    if (!t.deals().isEmpty() && (!t.openAuction() || r.nextDouble() < 0.6)) {
      Imps.addDeal(imp, Inventory.pick(t.deals()), !t.openAuction() && r.nextBoolean());
    } else {
      Imps.maybeFloor(imp);
    }
    String country = t.countries().isEmpty() ? Inventory.pick(COUNTRIES) : Inventory.pick(t.countries());
    return build(List.of(imp), placement, deviceType, country, t.type());
  }

  /** Open traffic: desktop and mobile display, in-app, video, CTV, native and audio. */
  Planned open() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int roll = r.nextInt(100);
    String country = Inventory.pick(COUNTRIES);
    if (roll < 35) {
      List<JsonObject> imps = r.nextDouble() < 0.15
          ? List.of(imp("1", "banner", "728x90"), imp("2", "banner", "300x250"))
          : List.of(Imps.banner("1", "desktop-slot", Inventory.pick(DESKTOP_SIZES)));
      imps.forEach(Imps::maybeFloor);
      return build(imps, site(Inventory.pick(inventory.sites)), 2, country, "banner");
    }
    if (roll < 50) {
      JsonObject imp = Imps.banner("1", "mobile-slot", r.nextBoolean() ? List.of("320x50") : List.of("300x250", "320x50"));
      return floored(imp, site(Inventory.pick(inventory.sites)), r.nextDouble() < 0.8 ? 4 : 5, country, "banner");
    }
    if (roll < 65) {
      JsonObject imp = imp("1", "banner", r.nextBoolean() ? "320x50" : "300x250");
      return floored(imp, app(Inventory.pick(inventory.apps)), r.nextDouble() < 0.8 ? 4 : 5, country, "banner");
    }
    if (roll < 77) {
      return floored(imp("1", "video", "640x480"), site(Inventory.pick(inventory.sites)), r.nextBoolean() ? 2 : 4, country, "video");
    }
    if (roll < 85) {
      return floored(imp("1", "video", "1920x1080"), app(Inventory.pick(inventory.tvApps)), r.nextBoolean() ? 3 : 7, country, "video");
    }
    if (roll < 93) {
      return floored(imp("1", "native", null), site(Inventory.pick(inventory.sites)), r.nextBoolean() ? 2 : 4, country, "native");
    }
    return floored(imp("1", "audio", null), app(Inventory.pick(inventory.audioApps)), 4, country, "audio");
  }

  private Planned floored(JsonObject imp, Placement placement, int deviceType, String country, String type) {
    Imps.maybeFloor(imp);
    return build(List.of(imp), placement, deviceType, country, type);
  }

  private static JsonObject imp(String id, String type, String size) {
    return switch (type) {
      case "video" -> Imps.video(id, "video-" + id, size == null ? "640x480" : size);
      case "audio" -> Imps.audio(id, "audio-" + id);
      case "native" -> Imps.nativeAd(id, "native-feed-" + id);
      default -> Imps.banner(id, "slot-" + id + "-" + (size == null ? "300x250" : size), List.of(size == null ? "300x250" : size));
    };
  }

  private static int defaultDeviceType(String type, String size) {
    if ("1920x1080".equals(size)) {
      return 3;
    }
    if ("320x50".equals(size) || type.equals("audio")) {
      return 4;
    }
    return ThreadLocalRandom.current().nextDouble() < 0.6 ? 2 : 4;
  }

  private Planned build(List<JsonObject> imps, Placement placement, int deviceType, String country, String type) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    Clients.Client client = Clients.viewer(deviceType, placement.inApp());
    JsonObject request = new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("at", r.nextDouble() < 0.7 ? 1 : 2)
        .put("cur", new JsonArray().add("USD"))
        .put("imp", new JsonArray(List.copyOf(imps)))
        .put(placement.key(), placement.value())
        .put("device", new JsonObject().put("ua", client.userAgent()).put("ip", client.ip()).put("devicetype", deviceType)
            .put("geo", new JsonObject().put("country", country)).put("language", "en"))
        .put("user", new JsonObject().put("id", "u-" + Long.toHexString(r.nextLong() & 0xffffffffffL)))
        .put("regs", new JsonObject().put("coppa", 0))
        .put("source", new JsonObject().put("tid", UUID.randomUUID().toString()))
        .put("bcat", new JsonArray().add("IAB25").add("IAB26"));
    double t = r.nextDouble();
    int tmax = Planned.DEFAULT_TMAX_MS;
    if (t < 0.9) {
      // Video is often given more time: then the slow bidder makes it now and then.
      tmax = type.equals("video") && t < 0.4 ? 400 : t < 0.6 ? 250 : t < 0.8 ? 200 : 300;
      request.put("tmax", tmax);
    }
    return new Planned(request.encode(), true, client, tmax);
  }

  private static Placement site(String domain) {
    String name = domain.substring(0, domain.indexOf('.'));
    JsonObject site = new JsonObject().put("id", "site-" + name).put("domain", domain)
        .put("page", "https://" + domain + "/" + Inventory.pick(SECTIONS))
        .put("publisher", new JsonObject().put("id", "pub-" + name));
    return new Placement("site", site, false);
  }

  private static Placement app(String bundle) {
    String name = bundle.substring(bundle.lastIndexOf('.') + 1);
    boolean tv = bundle.startsWith("tv.");
    JsonObject app = new JsonObject().put("id", "app-" + name).put("bundle", bundle).put("name", name)
        .put("storeurl", tv ? "https://channelstore.roku.com/details/" + name : "https://play.google.com/store/apps/details?id=" + bundle)
        .put("publisher", new JsonObject().put("id", "pub-" + name));
    return new Placement("app", app, true);
  }
}
