package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.OpenRtbJson;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.MockBidder;
import dev.gavel.testkit.MockBidder.Mode;
import dev.gavel.testkit.MockBidder.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External bidders under a strict deadline: a fast bidder, one slower than the deadline, and
 * bidders that fail in every way; the auction closes on time with the bids in hand.
 */
class BidderDeadlineTest {
  private static final int TMAX = 200;
  private static final int MARGIN = 15;
  /** Scheduling noise allowed on top of the deadline on a busy 2-core CI machine. */
  private static final long SLACK_MS = 60;
  private static final int WARM_UP_ROUNDS = 6;
  private static final int WARM_UP_CONCURRENCY = 8;

  private static Vertx bidderVertx;
  private static MockBidder fast;
  private static MockBidder bannerOnly;
  private static GavelHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    fast = deploy(Settings.bidding(0, "fast", new BigDecimal("1.00"), 5));
    MockBidder slow = deploy(Settings.bidding(0, "slow", new BigDecimal("9.00"), 2_000));
    MockBidder failing = deploy(Settings.bidding(0, "failing", BigDecimal.ONE, 0).withMode(Mode.ERROR));
    MockBidder malformed = deploy(Settings.bidding(0, "malformed", BigDecimal.ONE, 0).withMode(Mode.MALFORMED));
    MockBidder silent = deploy(Settings.bidding(0, "silent", BigDecimal.ONE, 0).withMode(Mode.NO_BID));
    MockBidder euros = deploy(new Settings(0, "euros", Mode.BID, 0, 0, 1.0, new BigDecimal("5.00"), new BigDecimal("5.00"), "EUR"));
    bannerOnly = deploy(Settings.bidding(0, "banneronly", new BigDecimal("0.20"), 0));
    JsonArray bidders = new JsonArray()
        .add(bidder("fast", fast.port()))
        .add(bidder("slow", slow.port()))
        .add(bidder("failing", failing.port()))
        .add(bidder("malformed", malformed.port()))
        .add(bidder("silent", silent.port()))
        .add(bidder("refused", TestVertx.freePort()))
        .add(bidder("euros", euros.port()))
        .add(bidder("banneronly", bannerOnly.port()).put("tmaxDeductionMs", 10).put("mediaTypes", new JsonArray().add("banner")));
    gavel = GavelHarness.fromJson("deadline", new JsonObject()
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json").put("safetyMarginMs", MARGIN)
            .put("maxSafetyMarginMs", MARGIN)) // pinned: these tests check the arithmetic of the time left
        .put("bidders", bidders));
    // Tests start Gavel without its warm-up: a few rounds through the bidder path first, so the
    // timing below is the deadline's, not the cold JIT's (one round was not enough on 2 cores).
    warmUp(WARM_UP_ROUNDS);
  }

  private static void warmUp(int rounds) {
    ExecutorService clients = Executors.newFixedThreadPool(WARM_UP_CONCURRENCY);
    try {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < rounds * WARM_UP_CONCURRENCY; i++) {
        sent.add(clients.submit(() -> gavel.postAuction(leaderboardRequest().encode())));
      }
      for (Future<HttpResponse<String>> f : sent) {
        assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isIn(200, 204); // 204: shed while cold
      }
    } catch (Exception e) {
      throw new IllegalStateException("warm-up auction failed", e);
    } finally {
      clients.shutdownNow();
    }
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  private static MockBidder deploy(Settings settings) {
    MockBidder bidder = new MockBidder(settings);
    TestVertx.await(bidderVertx.deployVerticle(bidder));
    return bidder;
  }

  private static JsonObject bidder(String name, int port) {
    return new JsonObject().put("name", name).put("url", "http://127.0.0.1:" + port + "/bid");
  }

  /** A leaderboard request: no test campaign takes 728x90, so only external bidders can win it. */
  private static JsonObject leaderboardRequest() {
    return new JsonObject().put("id", "ext-1").put("tmax", TMAX).put("at", 1)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 728).put("h", 90))))))
        .put("site", new JsonObject().put("domain", "news.example"));
  }

  @Test
  void fastBidWinsAndTheAnswerArrivesWithinTheDeadline() {
    // This auction's own count: the cold first one in start() may be late, and belongs to no test.
    double lateBefore = gavel.registry.find("gavel.auction.late.responses").counter().count();
    long start = System.nanoTime();
    HttpResponse<String> response = gavel.postAuction(leaderboardRequest().encode());
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsedMs).isLessThan(TMAX + SLACK_MS);
    JsonObject body = new JsonObject(response.body());
    JsonObject seatBid = body.getJsonArray("seatbid").getJsonObject(0);
    assertThat(seatBid.getString("seat")).isEqualTo("fast");
    JsonObject bid = seatBid.getJsonArray("bid").getJsonObject(0);
    assertThat(bid.getString("nurl")).startsWith("http://127.0.0.1:" + gavel.port + "/event?t=");
    // Gavel's win notice fires the bidder's own, macros substituted, server-side.
    assertThat(gavel.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(bid.getString("nurl"))).GET().build())
        .statusCode()).isEqualTo(204);
    dev.gavel.testing.Eventually.await(() -> !fast.notices().isEmpty(), java.time.Duration.ofSeconds(5));
    assertThat(fast.notices()).singleElement().asString().isEqualTo("/win?price=1.00&auction=ext-1");
    assertThat(bid.getString("adm")).contains("data-price=\"1.00\"");

    JsonObject ext = body.getJsonObject("ext");
    assertThat(ext.getJsonObject("errors").getJsonArray("slow").getJsonObject(0).getInteger("code")).isEqualTo(1);
    assertThat(ext.getJsonObject("responsetimemillis").fieldNames()).contains("fast", "slow", "failing", "refused");
    assertThat(ext.getJsonObject("responsetimemillis").getLong("slow")).isBetween(100L, (long) TMAX);
    assertThat(gavel.registry.find("gavel.auction.late.responses").counter().count()).isEqualTo(lateBefore);
    assertThat(gavel.registry.find("gavel.bidder.calls").tags("bidder", "slow", "result", "timeout").counter().count()).isPositive();
  }

  @Test
  void everyKindOfBidderFailureIsRecordedAndNoneBreaksTheAuction() {
    HttpResponse<String> response = gavel.postAuction(leaderboardRequest().put("test", 1).encode());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject ext = new JsonObject(response.body()).getJsonObject("ext");
    JsonObject errors = ext.getJsonObject("errors");
    assertThat(errors.getJsonArray("failing").getJsonObject(0).getString("message")).isEqualTo("HTTP 500");
    assertThat(errors.getJsonArray("malformed").getJsonObject(0).getInteger("code")).isEqualTo(3);
    assertThat(errors.getJsonArray("refused").getJsonObject(0).getString("message")).startsWith("connection failed");
    assertThat(errors.fieldNames()).doesNotContain("silent", "fast", "euros");

    JsonObject debugBidders = ext.getJsonObject("debug").getJsonObject("bidders");
    assertThat(debugBidders.getJsonObject("silent").getString("status")).isEqualTo("no_bid");
    assertThat(debugBidders.getJsonObject("slow").getString("status")).isEqualTo("timeout");
    JsonObject euros = debugBidders.getJsonObject("euros");
    assertThat(euros.getInteger("bids")).isZero();
    assertThat(euros.getJsonArray("rejected").getJsonObject(0).getString("why")).contains("currency EUR");
  }

  @Test
  void blockedAdvertisersAreRefusedBeforeTheAuction() {
    JsonObject req = leaderboardRequest().put("test", 1).put("badv", new JsonArray().add("fast-advertiser.example"));
    JsonObject body = new JsonObject(gavel.postAuction(req.encode()).body());
    JsonObject fastDebug = body.getJsonObject("ext").getJsonObject("debug").getJsonObject("bidders").getJsonObject("fast");
    assertThat(fastDebug.getJsonArray("rejected").getJsonObject(0).getInteger("lossReason")).isEqualTo(205);
    // The banner-only bidder's 0.20 bid wins instead.
    assertThat(body.getJsonArray("seatbid").getJsonObject(0).getString("seat")).isEqualTo("banneronly");
  }

  @Test
  void bidderSeesOnlyItsImpsTheRemainingTimeAndTheBlockLists() {
    JsonObject req = leaderboardRequest().put("bcat", new JsonArray().add("IAB25")).put("cur", new JsonArray().add("USD"));
    req.getJsonArray("imp").add(new JsonObject().put("id", "2")
        .put("video", new JsonObject().put("w", 640).put("h", 480).put("mimes", new JsonArray().add("video/mp4"))));
    gavel.postAuction(req.encode());

    BidRequest seen = new OpenRtbJson().readBidRequest(bannerOnly.lastRequest());
    assertThat(seen.id()).isEqualTo("ext-1");
    assertThat(seen.imp()).extracting(i -> i.id()).containsExactly("1");
    assertThat(seen.tmax()).isBetween(100, TMAX - MARGIN - 10);
    assertThat(seen.cur()).containsExactly("USD");
    assertThat(seen.bcat()).containsExactly("IAB25");
  }
}
