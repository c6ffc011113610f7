package dev.gavel.auction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a few synthetic auctions through Gavel's own HTTP port before it reports ready, so the
 * first publisher request does not pay for class loading and JIT (measured: the first auction took
 * twice its deadline when cold). The requests are {@code test=1} (reports leave them out) and block
 * every external bidder's seat, so only Gavel's own campaigns take part and no bidder is called.
 */
public final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  private WarmUp() {}

  public static Future<Void> run(Vertx vertx, int port, int auctions, java.util.List<String> bidders) {
    WebClient client = WebClient.create(vertx);
    Buffer body = request(bidders).toBuffer();
    long start = System.nanoTime();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < auctions; i++) {
      chain = chain.compose(v -> client.post(port, "127.0.0.1", AuctionRoutes.PATH)
          .putHeader("content-type", "application/json")
          .sendBuffer(body)
          .mapEmpty());
    }
    return chain
        .onSuccess(v -> LOG.info("warm-up: {} auctions in {} ms", auctions, (System.nanoTime() - start) / 1_000_000))
        .recover(e -> {
          LOG.warn("warm-up failed, continuing cold: {}", e.getMessage());
          return Future.succeededFuture();
        })
        .eventually(() -> {
          client.close();
          return Future.succeededFuture();
        });
  }

  private static JsonObject request(java.util.List<String> bidders) {
    JsonArray formats = new JsonArray().add(new JsonObject().put("w", 300).put("h", 250)).add(new JsonObject().put("w", 728).put("h", 90));
    return new JsonObject()
        .put("id", "gavel-warmup").put("test", 1).put("tmax", 500)
        .put("bseat", new JsonArray(new java.util.ArrayList<Object>(bidders)))
        .put("imp", new JsonArray()
            .add(new JsonObject().put("id", "1").put("banner", new JsonObject().put("format", formats)).put("bidfloor", 0.01))
            .add(new JsonObject().put("id", "2").put("video", new JsonObject().put("w", 640).put("h", 480)
                .put("mimes", new JsonArray().add("video/mp4")))))
        .put("site", new JsonObject().put("domain", "warmup.gavel.invalid"))
        .put("device", new JsonObject().put("devicetype", 2).put("geo", new JsonObject().put("country", "USA")));
  }
}
