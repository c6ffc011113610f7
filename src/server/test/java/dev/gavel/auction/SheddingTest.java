package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.auction.admission.FakeLag;
import dev.gavel.openrtb.OpenRtbJson;
import dev.gavel.testing.ServingHarness;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.MockBidder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission control with the lag signal set by the test (no sleeps): while the event loop is
 * behind, an auction is answered at once with a no-bid that says why, and nothing is called.
 */
class SheddingTest {
  private static final FakeLag LAG = new FakeLag();
  private static Vertx bidderVertx;
  private static MockBidder bidder;
  private static ServingHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    bidder = new MockBidder(MockBidder.Settings.bidding(0, "partner", new BigDecimal("9.00"), 400));
    TestVertx.await(bidderVertx.deployVerticle(bidder));
    gavel = ServingHarness.start(new JsonObject()
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("bidders", new JsonArray().add(new JsonObject().put("name", "partner").put("url", "http://127.0.0.1:" + bidder.port() + "/bid"))),
        vertx -> LAG);
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  @BeforeEach
  void calm() {
    LAG.laggingMs(0);
  }

  private static JsonObject request(String id) {
    return new JsonObject().put("id", id).put("tmax", 1000)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))))
        .put("site", new JsonObject().put("domain", "news.example"));
  }

  @Test
  void aLaggingLoopAnswersANoBidAtOnceAndCallsNoBidder() {
    LAG.laggingMs(50);
    long calls = bidder.requestCount();
    long start = System.nanoTime();
    HttpResponse<String> response = gavel.postAuction(request("shed-1").encode());
    long elapsedMs = (System.nanoTime() - start) / 1_000_000L;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("id", "shed-1").put("nbr", 1));
    // The partner answers after 400 ms and tmax is 1000: an auction run would take 400 ms or more.
    assertThat(elapsedMs).isLessThan(400);
    assertThat(bidder.requestCount()).isEqualTo(calls);
    assertThat(gavel.counter("gavel.auction.shed", "reason", "loop_lag")).isPositive();
  }

  @Test
  void aTestRequestIsToldWhyItWasShed() {
    LAG.laggingMs(50);
    JsonObject body = new JsonObject(gavel.postAuction(request("shed-2").put("test", 1).encode()).body());
    assertThat(body.getInteger("nbr")).isEqualTo(1);
    JsonObject shed = body.getJsonObject("ext").getJsonObject("shed");
    assertThat(shed.getString("reason")).isEqualTo("loop_lag");
    assertThat(shed.getLong("loopLagMs")).isEqualTo(50);
  }

  /** Not behind on average, but its timers (the closes) waiting past half the margin: shed, and nothing called. */
  @Test
  void aLoopThatHasNotReachedItsTimersShedsTooAndCallsNoBidder() {
    LAG.overdueNanos = 200_000_000L;
    long calls = bidder.requestCount();
    JsonObject body = new JsonObject(gavel.postAuction(request("shed-3").put("test", 1).encode()).body());
    assertThat(body.getInteger("nbr")).isEqualTo(1);
    assertThat(body.getJsonObject("ext").getJsonObject("shed").getString("reason")).isEqualTo("closes_waiting");
    assertThat(bidder.requestCount()).isEqualTo(calls);
    assertThat(gavel.counter("gavel.auction.shed", "reason", "closes_waiting")).isPositive();
  }

  @Test
  void whileSheddingOnlyTheIdIsRead() {
    LAG.laggingMs(50);
    // Cheap by design: past its id, a shed request is not read, broken or not.
    assertThat(new JsonObject(gavel.postAuction("{\"id\": \"x\", \"imp\": [").body()).getInteger("nbr")).isEqualTo(1);
    // Without an id to answer to, it is read fully, and refused as usual.
    HttpResponse<String> response = gavel.postAuction("{\"imp\": [");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_json");
  }

  @Test
  void aCalmLoopRunsTheAuction() {
    HttpResponse<String> response = gavel.postAuction(request("calm-1").encode());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getJsonArray("seatbid")).isNotEmpty();
  }

  @Test
  void tooLittleTimeAfterTheMarginIsANoBidWithReason15() {
    JsonObject body = new JsonObject(gavel.postAuction(request("short").put("tmax", 20).encode()).body());
    assertThat(body.getInteger("nbr")).isEqualTo(15);
    assertThat(gavel.counter("gavel.auction.shed", "reason", "insufficient_time")).isPositive();
  }

  @Test
  void theClockStartsEarlierByTheLagARequestMayHaveWaitedUnseen() {
    // Just out of a 300 ms stall (the loop is not lagging on average): admitted, but 300 ms of its
    // 1000 ms are taken as gone, so it closes about 300 ms sooner than it otherwise would.
    LAG.lagNanos = 300_000_000L;
    gavel.postAuction(request("after-stall").encode());
    // The partner is told the time left: 1000 ms less the margin (25 ms) less the 300 ms.
    // (a margin that grew on a busy machine takes more: without the 300 ms it would be over 890)
    assertThat(new OpenRtbJson().readBidRequest(bidder.lastRequest()).tmax()).isBetween(450, 680);
  }
}
