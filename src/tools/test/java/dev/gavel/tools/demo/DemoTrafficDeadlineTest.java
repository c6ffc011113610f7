package dev.gavel.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.MockBidder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's own traffic (mixed formats, floors, deals, broken requests, pixels, clicks, bots)
 * against a real Gavel with its Kafka and PostgreSQL, a fast bidder and one that is always late,
 * admission control and the warm-up as shipped: not one answer may leave after its tmax by
 * Gavel's own clock. The margin's floor and cap are raised, as they should be on any machine whose
 * cores other work competes for: with two busy loops beside this test's JVM, stalls of over 50 ms
 * came before the margin had measured any (the suite must pass on a loaded machine too).
 */
class DemoTrafficDeadlineTest {
  private static Vertx bidderVertx;
  private static GavelHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    MockBidder fast = new MockBidder(new MockBidder.Settings(0, "sampledsp", MockBidder.Mode.BID, 15, 20, 0.7,
        new BigDecimal("0.30"), new BigDecimal("2.50"), "USD"));
    MockBidder slow = new MockBidder(new MockBidder.Settings(0, "slowdsp", MockBidder.Mode.BID, 350, 100, 0.9,
        new BigDecimal("1.00"), new BigDecimal("4.00"), "USD"));
    TestVertx.await(bidderVertx.deployVerticle(fast));
    TestVertx.await(bidderVertx.deployVerticle(slow));
    gavel = GavelHarness.fromJson("demodeadline", new JsonObject()
        .put("warmUp", new JsonObject().put("enabled", true).put("minAuctions", 1000).put("maxSeconds", 20).put("maxRate", 300))
        .put("auction", new JsonObject().put("campaignsFile", "conf/campaigns.json")
            .put("safetyMarginMs", 100).put("maxSafetyMarginMs", 200)
            .put("admission", new JsonObject().put("maxLoopLagMs", 10)))
        .put("bidders", new JsonArray()
            .add(new JsonObject().put("name", "sampledsp").put("url", "http://127.0.0.1:" + fast.port() + "/bid"))
            .add(new JsonObject().put("name", "slowdsp").put("url", "http://127.0.0.1:" + slow.port() + "/bid")
                .put("mediaTypes", new JsonArray().add("banner").add("video")))));
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  @Test
  void theDemoMixIsAnsweredInsideEveryDeadline() throws Exception {
    DemoOptions options = DemoOptions.parse(new String[] {
        "--url", "http://127.0.0.1:" + gavel.port, "--seconds", "8", "--rate", "120", "--campaigns", "conf/campaigns.json"});
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    DemoStats stats = new DemoStats();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    try {
      Pixels pixels = new Pixels(http, scheduler, stats, options.shares());
      RequestFactory requests = new RequestFactory(Inventory.load(Path.of("conf/campaigns.json")), options.shares().invalid());
      ClientWarmUp.run(http, options.url());
      new TrafficRun(options, requests, http, scheduler, stats, pixels).run();
    } finally {
      scheduler.shutdownNow();
    }

    assertThat(stats.errorKinds()).isEmpty();
    // Not vacuous: auctions ran and won. Alone, 68% of answers carry a bid; inside the full suite on
    // two cores a half-warm JVM sheds more of its first seconds (by design: shed, never late), and
    // 49% was seen, so the bar is a third.
    assertThat(stats.bids.sum()).isGreaterThan(stats.sent.sum() / 3);
    assertThat(stats.bidderTimeouts().getOrDefault("slowdsp", 0L)).isPositive();
    assertThat(gavel.registry.find("gavel.auction.late.responses").counter().count()).isZero();
  }
}
