package dev.gavel.tools.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** OpenRTB 2.6 imps of each format, as publishers' ad servers send them, with optional floors and deals. */
final class Imps {
  private static final String NATIVE_REQUEST = new JsonObject()
      .put("ver", "1.2").put("context", 2).put("plcmttype", 1).put("plcmtcnt", 1)
      .put("assets", new JsonArray()
          .add(new JsonObject().put("id", 1).put("required", 1).put("title", new JsonObject().put("len", 90)))
          .add(new JsonObject().put("id", 2).put("required", 1).put("img", new JsonObject().put("type", 3).put("wmin", 600).put("hmin", 314)))
          .add(new JsonObject().put("id", 3).put("data", new JsonObject().put("type", 2).put("len", 140)))
          .add(new JsonObject().put("id", 4).put("data", new JsonObject().put("type", 1))))
      .encode();

  private Imps() {}

  /** A banner slot offering these sizes ("300x250"), the first one preferred. */
  static JsonObject banner(String id, String tagId, List<String> sizes) {
    JsonArray formats = new JsonArray();
    for (String size : sizes) {
      String[] wh = size.split("x");
      formats.add(new JsonObject().put("w", Integer.parseInt(wh[0])).put("h", Integer.parseInt(wh[1])));
    }
    return base(id, tagId).put("banner", new JsonObject().put("format", formats).put("pos", 1));
  }

  static JsonObject video(String id, String tagId, String size) {
    String[] wh = size.split("x");
    boolean ctv = size.equals("1920x1080");
    JsonObject video = new JsonObject()
        .put("mimes", new JsonArray().add("video/mp4").add("application/javascript"))
        .put("minduration", 5).put("maxduration", ctv ? 30 : 15)
        .put("protocols", new JsonArray().add(2).add(3).add(5).add(6).add(7).add(8))
        .put("w", Integer.parseInt(wh[0])).put("h", Integer.parseInt(wh[1]))
        .put("startdelay", 0).put("plcmt", 1).put("linearity", 1).put("skip", ctv ? 0 : 1);
    return base(id, tagId).put("video", video);
  }

  static JsonObject audio(String id, String tagId) {
    JsonObject audio = new JsonObject()
        .put("mimes", new JsonArray().add("audio/mpeg").add("audio/mp4"))
        .put("minduration", 10).put("maxduration", 30)
        .put("protocols", new JsonArray().add(2).add(3).add(9).add(10));
    return base(id, tagId).put("audio", audio);
  }

  static JsonObject nativeAd(String id, String tagId) {
    return base(id, tagId).put("native", new JsonObject().put("request", NATIVE_REQUEST).put("ver", "1.2"));
  }

  /** A floor on the imp: mostly in USD, sometimes in EUR, now and then too high for anyone. */
  static void maybeFloor(JsonObject imp) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    double roll = r.nextDouble();
    if (roll < 0.22) {
      imp.put("bidfloor", money(0.10 + r.nextDouble() * 2.4)).put("bidfloorcur", "USD");
    } else if (roll < 0.32) {
      imp.put("bidfloor", money(0.20 + r.nextDouble() * 2.0)).put("bidfloorcur", "EUR");
    } else if (roll < 0.35) {
      imp.put("bidfloor", new BigDecimal("25.00")).put("bidfloorcur", "USD");
    }
  }

  /** Offers one deal on the imp; a private auction admits only deal bids. */
  static void addDeal(JsonObject imp, String dealId, boolean privateAuction) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    JsonObject deal = new JsonObject().put("id", dealId).put("bidfloor", money(3.0 + r.nextDouble() * 4.0))
        .put("bidfloorcur", "USD").put("at", 1);
    imp.put("pmp", new JsonObject().put("private_auction", privateAuction ? 1 : 0).put("deals", new JsonArray().add(deal)));
  }

  private static JsonObject base(String id, String tagId) {
    return new JsonObject().put("id", id).put("tagid", tagId).put("secure", 1);
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }
}
