package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.GavelHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auction endpoint over real HTTP with Gavel's own campaigns (no external bidders). */
class AuctionHttpTest {
  private static GavelHarness gavel;

  @BeforeAll
  static void start() {
    gavel = GavelHarness.fromJson("auctionhttp", new JsonObject()
        .put("http", new JsonObject().put("maxBodyBytes", 4096))
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json")
            .put("safetyMarginMs", 15).put("minAuctionMs", 5))
        .put("currency", new JsonObject().put("ratesPerUsd", new JsonObject().put("EUR", "0.92"))));
  }

  @AfterAll
  static void stop() {
    gavel.close();
  }

  static JsonObject request() {
    return new JsonObject()
        .put("id", "req-1")
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))))
        .put("site", new JsonObject().put("domain", "news.example"))
        .put("device", new JsonObject().put("devicetype", 2).put("geo", new JsonObject().put("country", "USA")));
  }

  private static java.math.BigDecimal price(JsonObject bid) {
    return new java.math.BigDecimal(bid.getValue("price").toString());
  }

  private static JsonObject firstBid(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
  }

  /** What Prebid Server sends a generic bidder (OpenRTB 2.5 shapes, its ext fields, a charset, gzip): accepted as is. */
  @Test
  void aPrebidServerStyleRequestIsAuctioned() throws Exception {
    String body = java.nio.file.Files.readString(java.nio.file.Path.of("src/server/test/resources/openrtb/prebid/banner-2.5.json"));
    for (boolean gzip : new boolean[] {false, true}) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      if (gzip) {
        try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
          out.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      } else {
        bytes.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(gavel.uri("/openrtb2/auction"))
          .header("Content-Type", "application/json;charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
      if (gzip) {
        request.header("Content-Encoding", "gzip");
      }
      HttpResponse<String> response = gavel.send(request.build());
      assertThat(response.statusCode()).as("gzip %s: %s", gzip, response.body()).isEqualTo(200);
      JsonObject bid = firstBid(response);
      assertThat(bid.getString("impid")).isEqualTo("div-gpt-ad-1");
      assertThat(new JsonObject(response.body()).getString("id")).isEqualTo("pbs-banner-1");
    }
  }

  @Test
  void oneBadImpIsDroppedWithAWarningAndTheRestIsAuctioned() {
    JsonObject request = request();
    request.getJsonArray("imp")
        .add(new JsonObject().put("id", "2").put("video", new JsonObject().put("mimes", new JsonArray().add("video/mp4"))
            .put("minduration", 30).put("maxduration", 5)))
        .add(new JsonObject().put("id", "3").put("bidfloorcur", "usd").put("bidfloor", 0.01)
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250)))));
    HttpResponse<String> response = gavel.postAuction(request.encode());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").stream()
        .map(b -> ((JsonObject) b).getString("impid"))).containsExactlyInAnyOrder("1", "3"); // "usd" is USD
    JsonObject warning = body.getJsonObject("ext").getJsonObject("warnings").getJsonArray("gavel").getJsonObject(0);
    assertThat(warning.getString("message")).startsWith("imp[1] dropped").contains("imp[1].video.minduration");

    // Nothing left to auction: then the request itself is refused, every problem named.
    JsonObject allBad = request().put("imp", new JsonArray().add(new JsonObject().put("id", "1")));
    HttpResponse<String> refused = gavel.postAuction(allBad.encode());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(refused.body()).getString("field")).isEqualTo("imp[0]");
  }

  @Test
  void secondPriceAuctionAcrossCampaignsWithMacrosSubstituted() {
    HttpResponse<String> response = gavel.postAuction(request().encode());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-openrtb-version")).contains("2.6");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("id")).isEqualTo("req-1");
    assertThat(body.getString("cur")).isEqualTo("USD");
    assertThat(body.getJsonArray("seatbid").getJsonObject(0).getString("seat")).isEqualTo("gavel");
    JsonObject bid = firstBid(response);
    assertThat(bid.getString("cid")).isEqualTo("house-mrec-200");
    assertThat(bid.getString("impid")).isEqualTo("1");
    assertThat(price(bid)).isEqualByComparingTo("1.51");
    assertThat(bid.getString("adm"))
        .contains("href=\"http://127.0.0.1:" + gavel.port + "/event?t=")
        .contains("data-p=\"1.51\"")
        .contains("data-a=\"req-1\"")
        .doesNotContain("${");
    assertThat(bid.getJsonArray("adomain")).containsExactly("twohundred.example");
    assertThat(bid.getInteger("mtype")).isEqualTo(1);
    assertThat(bid.getString("nurl")).startsWith("http://127.0.0.1:" + gavel.port + "/event?t=");
    assertThat(bid.getString("burl")).startsWith("http://127.0.0.1:" + gavel.port + "/event?t=").isNotEqualTo(bid.getString("nurl"));
    assertThat(body.getString("bidid")).hasSize(36);
  }

  @Test
  void firstPriceClearsAtTheBid() {
    HttpResponse<String> response = gavel.postAuction(request().put("at", 1).encode());
    assertThat(price(firstBid(response))).isEqualByComparingTo("2.00");
  }

  @Test
  void floorInAnotherCurrencyIsConvertedExactly() {
    // 1.84 EUR at 0.92 EUR/USD is exactly 2.00 USD: the 2.00 campaign meets it, the 1.50 one does not.
    JsonObject req = request();
    req.getJsonArray("imp").getJsonObject(0).put("bidfloor", 1.84).put("bidfloorcur", "EUR");
    HttpResponse<String> response = gavel.postAuction(req.encode());
    JsonObject bid = firstBid(response);
    assertThat(bid.getString("cid")).isEqualTo("house-mrec-200");
    assertThat(price(bid)).isEqualByComparingTo("2.00");
  }

  @Test
  void answersInTheFirstAllowedCurrencyItSupports() {
    HttpResponse<String> response = gavel.postAuction(request().put("cur", new JsonArray().add("CHF").add("EUR")).encode());
    assertThat(new JsonObject(response.body()).getString("cur")).isEqualTo("EUR");
    // 2.00 USD -> 1.84 EUR; second 1.50 USD -> 1.38 EUR; clears at 1.39 EUR
    assertThat(price(firstBid(response))).isEqualByComparingTo("1.39");
  }

  @Test
  void noSupportedCurrencyIsANoBidNotAnError() {
    HttpResponse<String> response = gavel.postAuction(request().put("cur", new JsonArray().add("CHF")).encode());
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("x-openrtb-version")).contains("2.6");
  }

  @Test
  void noBidIs204AndTestRequestsExplainWhy() {
    JsonObject req = request();
    req.getJsonArray("imp").getJsonObject(0).put("bidfloor", 3.0);
    assertThat(gavel.postAuction(req.encode()).statusCode()).isEqualTo(204);

    HttpResponse<String> debug = gavel.postAuction(req.put("test", 1).encode());
    assertThat(debug.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(debug.body());
    assertThat(body.getInteger("nbr")).isEqualTo(0);
    JsonObject imp = body.getJsonObject("ext").getJsonObject("debug").getJsonObject("imps").getJsonObject("1");
    assertThat(imp.getJsonArray("losses")).hasSize(2);
    assertThat(imp.getJsonArray("losses").getJsonObject(0).getInteger("lossReason")).isEqualTo(100);
    JsonObject campaigns = imp.getJsonObject("campaigns");
    assertThat(campaigns.getInteger("considered")).isEqualTo(4);
    assertThat(campaigns.getInteger("matched")).isEqualTo(2);
    assertThat(campaigns.getJsonObject("filtered").getInteger("media_type")).isEqualTo(1);
    assertThat(campaigns.getJsonObject("filtered").getInteger("size")).isEqualTo(1);
  }

  @Test
  void privateAuctionAdmitsOnlyDealBids() {
    JsonObject req = new JsonObject().put("id", "v-1")
        .put("imp", new JsonArray().add(new JsonObject().put("id", "v")
            .put("video", new JsonObject().put("w", 640).put("h", 480).put("mimes", new JsonArray().add("video/mp4")))
            .put("pmp", new JsonObject().put("private_auction", 1)
                .put("deals", new JsonArray().add(new JsonObject().put("id", "deal-1").put("bidfloor", 4.0))))));
    JsonObject bid = firstBid(gavel.postAuction(req.encode()));
    assertThat(bid.getString("dealid")).isEqualTo("deal-1");
    assertThat(price(bid)).isEqualByComparingTo("4.01");
    assertThat(bid.getString("adm")).contains("<AdTitle>4.01</AdTitle>");
  }

  @Test
  void tmaxLeavingNoUsableTimeGetsNoBidReason15() {
    HttpResponse<String> response = gavel.postAuction(request().put("tmax", 10).encode());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getInteger("nbr")).isEqualTo(15);
  }

  @Test
  void unknownFieldsAreTolerated() {
    JsonObject req = request().put("futurefield", new JsonObject().put("x", 1));
    req.getJsonArray("imp").getJsonObject(0).put("newthing", new JsonArray().add(1));
    assertThat(gavel.postAuction(req.encode()).statusCode()).isEqualTo(200);
  }

  @Test
  void gzipBodiesAreAccepted() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(request().encode().getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> response = gavel.send(HttpRequest.newBuilder(gavel.uri("/openrtb2/auction"))
        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(firstBid(response).getString("cid")).isEqualTo("house-mrec-200");
  }

  @Test
  void lateResponseCounterStaysAtZero() {
    // Its own auction only: the tmax=10 one above may be answered late on a cold JVM, and is meant to be hard.
    double before = gavel.registry.find("gavel.auction.late.responses").counter().count();
    gavel.postAuction(request().encode());
    assertThat(gavel.registry.find("gavel.auction.late.responses").counter().count()).isEqualTo(before);
    assertThat(gavel.registry.find("gavel.auction.requests").tag("outcome", "bid").counter().count()).isPositive();
  }
}
