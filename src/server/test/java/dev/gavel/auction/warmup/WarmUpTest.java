package dev.gavel.auction.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.PgPools;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.MockBidder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up runs the whole path (a loopback bidder over HTTP, pixels, events) before
 * Gavel reports ready, without calling a real partner, billing anyone or counting in the metrics.
 */
class WarmUpTest {
  private static Vertx bidderVertx;
  private static MockBidder partner;
  private static GavelHarness gavel;
  private static Pool db;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    partner = new MockBidder(MockBidder.Settings.bidding(0, "partner", new BigDecimal("0.50"), 5));
    TestVertx.await(bidderVertx.deployVerticle(partner));
    gavel = GavelHarness.fromJson("warmup", new JsonObject()
        .put("warmUp", new JsonObject().put("enabled", true).put("minAuctions", 400).put("maxSeconds", 15).put("maxRate", 400))
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json"))
        .put("bidders", new JsonArray().add(new JsonObject().put("name", "partner").put("url", "http://127.0.0.1:" + partner.port() + "/bid"))));
    db = PgPools.create(gavel.vertx, gavel.gavel.postgres(), 2);
  }

  @AfterAll
  static void stop() {
    TestVertx.await(db.close());
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  private static double processed(String groupSuffix) {
    return gavel.registry.find("gavel.consumer.events").counters().stream()
        .filter(c -> c.getId().getTag("group").endsWith(groupSuffix)).mapToDouble(c -> c.count()).sum();
  }

  private long count(String sql) {
    return TestVertx.await(db.query(sql).execute()).iterator().next().getLong(0);
  }

  @Test
  void warmsThroughTheWholePathWithoutTouchingPartnersMoneyOrMetrics() {
    // Ready only once warm: by now the warm-up is over.
    JsonObject ready = new JsonObject(gavel.get("/ready").body());
    assertThat(ready.getJsonObject("checks").getString("warm")).isEqualTo("UP");
    assertThat(partner.requestCount()).as("requests a real partner got from the warm-up").isZero();
    assertThat(gavel.registry.find("gavel.bidder.calls").tag("bidder", LoopbackBidder.NAME).counters())
        .isNotEmpty().allMatch(c -> c.count() > 0);
    assertThat(gavel.registry.find("gavel.auction.requests").counters()).as("public auction metrics").isEmpty();
    assertThat(gavel.registry.find("gavel.privacy.actions").counters()).as("privacy actions (it sends privacy signals)").isEmpty();

    Eventually.await("the warm-up's auctions and pixels persisted", () ->
        count("SELECT count(*) FROM auctions WHERE test") >= 400
            && count("SELECT count(*) FROM tracking_events WHERE test") >= 400, Duration.ofSeconds(60));
    // Billing and fraud have read (at least) as many events as were stored: their silence is a verdict.
    long stored = count("SELECT count(*) FROM auctions") + count("SELECT count(*) FROM tracking_events");
    Eventually.await("billing and fraud read the warm-up's events", () ->
        processed("-billing") >= count("SELECT count(*) FROM tracking_events") && processed("-fraud") >= stored, Duration.ofSeconds(60));
    assertThat(count("SELECT count(*) FROM auctions WHERE NOT test")).isZero();
    assertThat(count("SELECT count(*) FROM tracking_events WHERE NOT test")).isZero();
    assertThat(count("SELECT count(*) FROM spend_ledger")).isZero();
    assertThat(count("SELECT count(*) FROM fraud_verdicts")).isZero();

    // Afterwards the public's auctions call the real partner.
    JsonObject request = new JsonObject().put("id", "after-warm-up").put("tmax", 500)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 728).put("h", 90))))))
        .put("site", new JsonObject().put("domain", "news.example"));
    assertThat(gavel.postAuction(request.encode()).statusCode()).isEqualTo(200);
    assertThat(partner.requestCount()).isEqualTo(1);
  }

  @Test
  void aStopAskedForDuringTheWarmUpEndsItAtOnce() {
    io.vertx.core.Promise<Void> stop = io.vertx.core.Promise.promise();
    // A warm-up that would run its full minute, and a stop asked for a few seconds into start-up.
    long start = System.nanoTime();
    // Whether it lands before the warm-up has begun or during it, start-up must end promptly.
    java.util.concurrent.CompletableFuture.delayedExecutor(3, java.util.concurrent.TimeUnit.SECONDS).execute(stop::tryComplete);
    GavelHarness stopped = GavelHarness.fromJson("warmupstop", new JsonObject()
        .put("warmUp", new JsonObject().put("enabled", true).put("minAuctions", 10_000_000).put("maxSeconds", 60).put("maxRate", 50))
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json")), stop.future());
    try {
      assertThat((System.nanoTime() - start) / 1_000_000_000L).as("seconds to start with the stop asked for").isLessThan(30);
      assertThat(new JsonObject(stopped.get("/ready").body()).getJsonObject("checks").getString("warm")).isEqualTo("UP");
    } finally {
      stopped.close();
    }
  }
}
