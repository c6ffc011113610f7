package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.Eventually;
import dev.gavel.testing.ServingHarness;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.MockBidder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A bidder whose concurrency budget is used up is skipped at once (throttled); the others are not. */
class BidderBudgetTest {
  private static Vertx bidderVertx;
  private static MockBidder slow;
  private static MockBidder fast;
  private static ServingHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    slow = new MockBidder(MockBidder.Settings.bidding(0, "slow", new BigDecimal("3.00"), 700));
    fast = new MockBidder(MockBidder.Settings.bidding(0, "fast", new BigDecimal("1.00"), 0));
    TestVertx.await(bidderVertx.deployVerticle(slow));
    TestVertx.await(bidderVertx.deployVerticle(fast));
    gavel = ServingHarness.start(new JsonObject()
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 2)))
        .put("bidders", new JsonArray()
            .add(new JsonObject().put("name", "slow").put("url", "http://127.0.0.1:" + slow.port() + "/bid").put("maxInFlight", 1))
            .add(new JsonObject().put("name", "fast").put("url", "http://127.0.0.1:" + fast.port() + "/bid"))),
        null);
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  private static String request(String id) {
    return new JsonObject().put("id", id).put("tmax", 300).put("test", 1)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 728).put("h", 90))))))
        .put("site", new JsonObject().put("domain", "news.example")).encode();
  }

  private static JsonObject debugOf(String bidder, String body) {
    return new JsonObject(body).getJsonObject("ext").getJsonObject("debug").getJsonObject("bidders").getJsonObject(bidder);
  }

  @Test
  void aSecondAuctionWhileTheOnlySlotIsTakenSkipsTheSlowBidderAtOnce() {
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> gavel.postAuction(request("budget-1")).body());
    Eventually.await("the slow bidder holds its one slot", () -> slow.requestCount() == 1, Duration.ofSeconds(5));

    String second = gavel.postAuction(request("budget-2")).body();
    assertThat(debugOf("slow", second).getString("status")).isEqualTo("throttled");
    assertThat(debugOf("slow", second).getString("reason")).contains("1 concurrent calls");
    assertThat(debugOf("fast", second).getString("status")).isEqualTo("bid");
    assertThat(slow.requestCount()).isEqualTo(1);

    // The first auction closed at its deadline without the slow bid; the slot is held until the
    // slow call itself is over (700 ms), then free again.
    assertThat(debugOf("slow", first.join()).getString("status")).isEqualTo("timeout");
    Eventually.await("the slot is released", () -> gavel.registry.find("gavel.bidder.in.flight").tag("bidder", "slow")
        .gauge().value() == 0, Duration.ofSeconds(5));
    gavel.postAuction(request("budget-3"));
    assertThat(slow.requestCount()).isEqualTo(2);
    assertThat(gavel.counter("gavel.bidder.calls", "bidder", "slow", "result", "throttled")).isEqualTo(1);
  }
}
