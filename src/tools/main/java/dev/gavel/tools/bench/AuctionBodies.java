package dev.gavel.tools.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A pool of OpenRTB 2.6 one-imp banner requests that mostly match {@link CampaignGenerator}'s
 * campaigns: one or two sizes from the same list, mostly US traffic, low floors, assorted sites,
 * devices and IPs. Built once before a run, so the client does no JSON work under load.
 */
final class AuctionBodies {
  private static final List<String> UAS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15");

  private AuctionBodies() {}

  static List<Buffer> build(int count, int tmaxMs, long seed) {
    Random random = new Random(seed);
    List<Buffer> bodies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      bodies.add(body(i, tmaxMs, random).toBuffer());
    }
    return bodies;
  }

  private static JsonObject body(int i, int tmaxMs, Random random) {
    JsonArray formats = new JsonArray();
    List<String> sizes = CampaignGenerator.SIZES;
    int first = random.nextInt(sizes.size());
    formats.add(format(sizes.get(first)));
    if (random.nextBoolean()) {
      formats.add(format(sizes.get((first + 1 + random.nextInt(sizes.size() - 1)) % sizes.size())));
    }
    String country = random.nextInt(10) < 9 ? "USA" : CampaignGenerator.COUNTRIES.get(1 + random.nextInt(4));
    int site = random.nextInt(50);
    JsonObject imp = new JsonObject().put("id", "1").put("tagid", "slot-" + random.nextInt(20))
        .put("banner", new JsonObject().put("format", formats).put("pos", 1))
        .put("bidfloor", 0.10 + random.nextInt(50) / 100.0).put("bidfloorcur", "USD").put("secure", 1);
    return new JsonObject()
        .put("id", "bench-" + i)
        .put("at", 2)
        .put("tmax", tmaxMs)
        .put("cur", new JsonArray().add("USD"))
        .put("imp", new JsonArray().add(imp))
        .put("site", new JsonObject().put("id", "site-" + site).put("domain", "publisher-" + site + ".example")
            .put("page", "https://publisher-" + site + ".example/article/" + random.nextInt(1000))
            .put("publisher", new JsonObject().put("id", "pub-" + site % 10)))
        .put("device", new JsonObject().put("ua", UAS.get(random.nextInt(UAS.size())))
            .put("ip", "203.0.113." + (1 + random.nextInt(254)))
            .put("devicetype", new int[] {2, 4, 5}[random.nextInt(3)])
            .put("geo", new JsonObject().put("country", country)))
        .put("user", new JsonObject().put("id", "u-" + Integer.toHexString(random.nextInt())))
        .put("source", new JsonObject().put("tid", "tid-" + i))
        .put("bcat", new JsonArray().add("IAB25").add("IAB26"));
  }

  private static JsonObject format(String size) {
    String[] wh = size.split("x");
    return new JsonObject().put("w", Integer.parseInt(wh[0])).put("h", Integer.parseInt(wh[1]));
  }
}
