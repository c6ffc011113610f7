package dev.gavel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.MockBidder;
import dev.gavel.testkit.MockBidder.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gavel as shipped: conf/gavel.yaml, the sample campaigns, the sample bidder enabled through an
 * environment override, and the README's sample request.
 */
class EndToEndTest {
  private static Vertx bidderVertx;
  private static MockBidder sampleDsp;
  private static GavelHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    sampleDsp = new MockBidder(Settings.bidding(0, "sampledsp", new BigDecimal("0.75"), 5));
    TestVertx.await(bidderVertx.deployVerticle(sampleDsp));
    gavel = GavelHarness.fromConfFile("e2e", Map.of(
        "GAVEL_BIDDERS_0_URL", "http://127.0.0.1:" + sampleDsp.port() + "/openrtb2/bid",
        "GAVEL_BIDDERS_0_ENABLED", "true"));
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  @Test
  void aPrebidServerSizedRequestOf40ImpsAndAbout100KbIsAccepted() {
    JsonObject request = new JsonObject().put("id", "big-1").put("site", new JsonObject().put("domain", "news.example"));
    io.vertx.core.json.JsonArray imps = new io.vertx.core.json.JsonArray();
    for (int i = 0; i < 40; i++) {
      imps.add(new JsonObject().put("id", String.valueOf(i + 1))
          .put("banner", new JsonObject().put("format", new io.vertx.core.json.JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))
          .put("ext", new JsonObject().put("data", "x".repeat(2_500))));
    }
    String body = request.put("imp", imps).encode();
    assertThat(body.length()).isBetween(100_000, 110_000); // over the old 64 KiB limit, as Prebid Server sent
    HttpResponse<String> response = gavel.postAuction(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void theReadmeSampleRequestGetsABidFromTheSampleCampaigns() throws Exception {
    String sample = Files.readString(Path.of("scripts/sample-request.json"));
    HttpResponse<String> response = gavel.postAuction(sample);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("id")).isEqualTo("sample-auction-0001");
    JsonObject bid = body.getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
    assertThat(bid.getString("impid")).isEqualTo("1");
    assertThat(new BigDecimal(bid.getValue("price").toString())).isGreaterThanOrEqualTo(new BigDecimal("0.40"));
    assertThat(bid.getString("adm")).doesNotContain("${CLICK_URL}");
    assertThat(body.getJsonObject("ext").getJsonObject("responsetimemillis").fieldNames()).containsExactly("sampledsp");
    assertThat(sampleDsp.requestCount()).isPositive();
  }

  @Test
  void operationalEndpointsAnswer() {
    assertThat(gavel.get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = gavel.get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getJsonObject("checks").getString("campaigns")).isEqualTo("UP");
    gavel.postAuction("{\"id\":\"m\",\"imp\":[]}");
    HttpResponse<String> metrics = gavel.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("gavel_auction_latency_seconds_bucket")
        .contains("gavel_auction_requests_total{outcome=\"invalid\"}")
        // Its value is DemoTrafficDeadlineTest's to assert: run alone, this class's cold first auction may be late.
        .contains("gavel_auction_late_responses_total ")
        .containsPattern("gavel_http_responses_total\\{status=\"4xx\"\\} [1-9]")
        .doesNotContain("vertx_http_server_requests_total"); // off: its per-request cost (Main.newVertx)
  }
}
