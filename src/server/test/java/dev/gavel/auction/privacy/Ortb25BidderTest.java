package dev.gavel.auction.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.Eventually;
import dev.gavel.testing.ServingHarness;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.MockBidder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A bidder configured for OpenRTB 2.5 gets the signals where 2.5 had them; a 2.6 bidder beside it gets the 2.6 places. */
class Ortb25BidderTest {
  private static Vertx bidderVertx;
  private static MockBidder old;
  private static MockBidder current;
  private static ServingHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    old = new MockBidder(MockBidder.Settings.bidding(0, "old", new BigDecimal("0.50"), 0));
    current = new MockBidder(MockBidder.Settings.bidding(0, "current", new BigDecimal("0.50"), 0));
    TestVertx.await(bidderVertx.deployVerticle(old));
    TestVertx.await(bidderVertx.deployVerticle(current));
    gavel = ServingHarness.start(new JsonObject()
        .put("supplyChain", new JsonObject().put("asi", "exchange.gavel.example"))
        .put("bidders", new JsonArray()
            .add(new JsonObject().put("name", "old").put("url", "http://127.0.0.1:" + old.port() + "/bid").put("gvlVendorId", 10)
                .put("ortbVersion", "2.5"))
            .add(new JsonObject().put("name", "current").put("url", "http://127.0.0.1:" + current.port() + "/bid")
                .put("gvlVendorId", 10))), null);
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  @Test
  void theSignalsTheEidsAndTheSchainGoWhereEachBidderReadsThem() {
    String consent = ConsentStrings.tcf(List.of(1, 2, 3, 4), List.of(10), true);
    JsonObject request = new JsonObject().put("id", "ortb25").put("tmax", 1000)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))))
        .put("site", new JsonObject().put("domain", "dailyledger-news.com").put("publisher", new JsonObject().put("id", "pub-1")))
        .put("regs", new JsonObject().put("gdpr", 1).put("us_privacy", "1NNN"))
        .put("user", new JsonObject().put("id", "u-1").put("consent", consent)
            .put("eids", new JsonArray().add(new JsonObject().put("source", "id5-sync.com"))));
    assertThat(gavel.postAuction(request.encode()).statusCode()).isEqualTo(200);
    Eventually.await("both bidders receive the request", () -> old.lastRequest() != null && current.lastRequest() != null,
        Duration.ofSeconds(5));

    JsonObject seen25 = new JsonObject(Buffer.buffer(old.lastRequest()));
    JsonObject regs = seen25.getJsonObject("regs");
    assertThat(regs.containsKey("gdpr")).isFalse();
    assertThat(regs.getJsonObject("ext").getInteger("gdpr")).isEqualTo(1);
    assertThat(regs.getJsonObject("ext").getString("us_privacy")).isEqualTo("1NNN");
    JsonObject user = seen25.getJsonObject("user");
    assertThat(user.fieldNames()).doesNotContain("consent", "eids");
    assertThat(user.getJsonObject("ext").getString("consent")).isEqualTo(consent);
    assertThat(user.getJsonObject("ext").getJsonArray("eids")).hasSize(1);
    JsonObject source = seen25.getJsonObject("source");
    assertThat(source.containsKey("schain")).isFalse();
    assertThat(source.getJsonObject("ext").getJsonObject("schain").getJsonArray("nodes").getJsonObject(0).getString("asi"))
        .isEqualTo("exchange.gavel.example");

    JsonObject seen26 = new JsonObject(Buffer.buffer(current.lastRequest()));
    assertThat(seen26.getJsonObject("regs").getInteger("gdpr")).isEqualTo(1);
    assertThat(seen26.getJsonObject("user").getString("consent")).isEqualTo(consent);
    assertThat(seen26.getJsonObject("source").getJsonObject("schain")).isNotNull();
  }
}
