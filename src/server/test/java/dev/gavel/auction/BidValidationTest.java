package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.EventAddresses;
import dev.gavel.events.EventEnvelope;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.ServingHarness;
import dev.gavel.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Creative checks and bid adjustment over HTTP: bidders that answer with insecure markup or a
 * size the imp does not take, each bidder with its own checks config.
 */
class BidValidationTest {
  private static final String INSECURE = "<div><img src=\"http://cdn.example/banner.png\"><a href=\"http://advertiser.example\">x</a></div>";
  private static final String SECURE = "<div><img src=\"https://cdn.example/banner.png\"><a href=\"http://advertiser.example\">x</a></div>";

  private static Vertx bidderVertx;
  private static final Map<String, JsonObject> EVENTS = new ConcurrentHashMap<>();
  private static ServingHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    JsonArray bidders = new JsonArray()
        .add(bidder("insecure", bidAnswer(INSECURE, 300, 250, "1.00"), new JsonObject()))
        .add(bidder("secure", bidAnswer(SECURE, 300, 250, "1.00"), new JsonObject()))
        .add(bidder("leaderboard", bidAnswer(SECURE, 728, 90, "1.00"), new JsonObject()))
        .add(bidder("lenient", bidAnswer(INSECURE, 728, 90, "1.00"),
            new JsonObject().put("checks", new JsonObject().put("secureMarkup", "warn").put("bannerSize", "off"))))
        .add(bidder("net", bidAnswer(SECURE, 300, 250, "2.00"), new JsonObject().put("bidAdjustment", "0.85")));
    gavel = ServingHarness.start(new JsonObject().put("bidders", bidders), null);
    gavel.vertx.eventBus().<EventEnvelope>consumer(EventAddresses.PUBLISH, m -> {
      JsonObject event = new JsonObject(Buffer.buffer(m.body().value()));
      EVENTS.put(event.getString("requestId"), event);
    });
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  /** A bidder on its own port answering every request with one bid: this markup, size and price. */
  private static JsonObject bidder(String name, JsonObject bid, JsonObject settings) {
    HttpServer server = bidderVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      JsonObject request = new JsonObject(body);
      JsonObject answer = new JsonObject().put("id", request.getString("id")).put("cur", "USD")
          .put("seatbid", new JsonArray().add(new JsonObject().put("seat", name)
              .put("bid", new JsonArray().add(bid.copy().put("impid", request.getJsonArray("imp").getJsonObject(0).getString("id"))))));
      req.response().putHeader("content-type", "application/json").end(answer.encode());
    }));
    int port = TestVertx.await(server.listen(0, "127.0.0.1")).actualPort();
    return settings.put("name", name).put("url", "http://127.0.0.1:" + port + "/bid");
  }

  private static JsonObject bidAnswer(String adm, int w, int h, String price) {
    return new JsonObject().put("id", "b-" + w + "-" + price).put("price", new java.math.BigDecimal(price)).put("adm", adm)
        .put("adomain", new JsonArray().add("advertiser.example")).put("crid", "cr-1").put("w", w).put("h", h).put("mtype", 1);
  }

  /** The debug section of an auction that calls only {@code bidder}, for a secure (or not) 300x250 imp. */
  private static JsonObject debugOf(String requestId, String bidder, boolean secure) {
    JsonObject request = new JsonObject().put("id", requestId).put("tmax", 1000).put("test", 1).put("at", 1)
        .put("wseat", new JsonArray().add(bidder))
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1").put("secure", secure ? 1 : 0)
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))))
        .put("site", new JsonObject().put("domain", "dailyledger-news.com").put("page", "https://dailyledger-news.com/a"));
    String body = gavel.postAuction(request.encode()).body();
    return new JsonObject(body).getJsonObject("ext").getJsonObject("debug");
  }

  private static JsonObject rejection(JsonObject debug, String bidder) {
    JsonArray rejected = debug.getJsonObject("bidders").getJsonObject(bidder).getJsonArray("rejected");
    return rejected.isEmpty() ? null : rejected.getJsonObject(0);
  }

  @Test
  void insecureMarkupForASecureImpIsRefusedAsCreativeNotSecure() {
    JsonObject refused = rejection(debugOf("v-insecure", "insecure", true), "insecure");
    assertThat(refused.getInteger("lossReason")).isEqualTo(207);
    assertThat(refused.getString("why")).contains("http://cdn.example/banner.png");

    assertThat(rejection(debugOf("v-insecure-plain", "insecure", false), "insecure")).isNull(); // not a secure imp
    JsonObject secure = debugOf("v-secure", "secure", true);
    assertThat(rejection(secure, "secure")).isNull(); // an http:// link the user may follow is not loaded
    assertThat(secure.getJsonObject("imps").getJsonObject("1").getJsonObject("winner").getString("seat")).isEqualTo("secure");
  }

  @Test
  void aBannerBidOfASizeTheImpDoesNotTakeIsRefused() {
    JsonObject refused = rejection(debugOf("v-size", "leaderboard", false), "leaderboard");
    assertThat(refused.getInteger("lossReason")).isEqualTo(203);
    assertThat(refused.getString("why")).contains("728x90");
  }

  @Test
  void aBidderOnWarnCompetesAndTheFindingIsRecorded() {
    double before = gavel.counter("gavel.bidder.bid.warnings", "bidder", "lenient", "check", "secureMarkup");
    JsonObject debug = debugOf("v-lenient", "lenient", true);
    JsonObject lenient = debug.getJsonObject("bidders").getJsonObject("lenient");
    assertThat(lenient.getJsonArray("rejected")).isEmpty(); // bannerSize off, secureMarkup warn
    assertThat(lenient.getJsonArray("warnings").getJsonObject(0).getString("check")).isEqualTo("secureMarkup");
    assertThat(debug.getJsonObject("imps").getJsonObject("1").getJsonObject("winner").getString("seat")).isEqualTo("lenient");
    assertThat(gavel.counter("gavel.bidder.bid.warnings", "bidder", "lenient", "check", "secureMarkup")).isEqualTo(before + 1);
  }

  @Test
  void theBidAdjustmentIsAppliedBeforeTheAuctionAndRecorded() {
    JsonObject debug = debugOf("v-net", "net", false);
    JsonObject winner = debug.getJsonObject("imps").getJsonObject("1").getJsonObject("winner");
    assertThat(winner.getString("bid")).isEqualTo("1.70"); // 2.00 x 0.85
    Eventually.await("the auction event", () -> EVENTS.containsKey("v-net"), Duration.ofSeconds(5));
    JsonObject entry = EVENTS.get("v-net").getJsonArray("bids").getJsonObject(0);
    assertThat(entry.getLong("priceMicros")).isEqualTo(1_700_000L);
    assertThat(entry.getLong("bidPriceMicros")).isEqualTo(2_000_000L);
  }
}
