package dev.gavel.auction.supply;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gavel's schain node on the wire (what a recording bidder received), and its sellers.json. */
class SupplyChainTest {
  private static Vertx bidderVertx;
  private static MockBidder bidder;
  private static ServingHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    bidder = new MockBidder(MockBidder.Settings.bidding(0, "dsp", new BigDecimal("0.50"), 0));
    TestVertx.await(bidderVertx.deployVerticle(bidder));
    gavel = ServingHarness.start(new JsonObject()
        .put("supplyChain", new JsonObject().put("asi", "exchange.gavel.example").put("contactEmail", "ops@gavel.example")
            .put("sellers", new JsonArray()
                .add(new JsonObject().put("publisherId", "pub-direct").put("sellerId", "1001").put("name", "Daily Ledger")
                    .put("domain", "dailyledger-news.com"))
                .add(new JsonObject().put("publisherId", "pub-reseller").put("sellerId", "2002").put("sellerType", "INTERMEDIARY")
                    .put("confidential", true))))
        .put("bidders", new JsonArray().add(new JsonObject().put("name", "dsp").put("url", "http://127.0.0.1:" + bidder.port() + "/bid"))),
        null);
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  private static JsonObject request(String id, String publisherId, JsonObject source) {
    JsonObject r = new JsonObject().put("id", id).put("tmax", 1000)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))))
        .put("site", new JsonObject().put("domain", "dailyledger-news.com").put("publisher", new JsonObject().put("id", publisherId)));
    return source == null ? r : r.put("source", source);
  }

  private static JsonObject chainSeen(JsonObject request) {
    bidder.forgetLastRequest();
    assertThat(gavel.postAuction(request.encode()).statusCode()).isEqualTo(200);
    // A call still on its way when the auction closed (a cold JVM on a loaded machine) is waited for.
    Eventually.await("the bidder receives the request", () -> bidder.lastRequest() != null, Duration.ofSeconds(5));
    JsonObject seen = new JsonObject(Buffer.buffer(bidder.lastRequest()));
    return seen.getJsonObject("source").getJsonObject("schain");
  }

  @Test
  void aDirectPublishersRequestStartsACompleteChainWithGavelsNode() {
    JsonObject chain = chainSeen(request("sc-direct", "pub-direct", null));
    assertThat(chain.getInteger("complete")).isEqualTo(1);
    assertThat(chain.getString("ver")).isEqualTo("1.0");
    assertThat(chain.getJsonArray("nodes")).containsExactly(
        new JsonObject().put("asi", "exchange.gavel.example").put("sid", "1001").put("hp", 1).put("rid", "sc-direct"));
  }

  @Test
  void anIncomingChainKeepsItsNodesAndGetsGavelsAtTheEndFromEitherPlace() {
    JsonObject upstream = new JsonObject().put("complete", 1).put("ver", "1.0")
        .put("nodes", new JsonArray().add(new JsonObject().put("asi", "ssp.example").put("sid", "77").put("hp", 1)));
    JsonObject chain = chainSeen(request("sc-26", "pub-reseller", new JsonObject().put("tid", "t-1").put("schain", upstream.copy())));
    assertThat(chain.getJsonArray("nodes")).hasSize(2);
    assertThat(chain.getJsonArray("nodes").getJsonObject(0).getString("asi")).isEqualTo("ssp.example");
    assertThat(chain.getJsonArray("nodes").getJsonObject(1).getString("sid")).isEqualTo("2002");
    assertThat(chain.getInteger("complete")).isEqualTo(1);

    // OpenRTB 2.5 senders put it in source.ext.schain; the bidder gets it in the 2.6 place only.
    JsonObject chain25 = chainSeen(request("sc-25", "pub-direct", new JsonObject().put("ext", new JsonObject().put("schain", upstream.copy()))));
    assertThat(chain25.getJsonArray("nodes")).hasSize(2);
    JsonObject source = new JsonObject(Buffer.buffer(bidder.lastRequest())).getJsonObject("source");
    assertThat(source.getJsonObject("ext") == null || !source.getJsonObject("ext").containsKey("schain")).isTrue();
  }

  @Test
  void aPublisherGavelDoesNotListMakesAnIncompleteChain() {
    JsonObject chain = chainSeen(request("sc-unknown", "pub-stranger", null));
    assertThat(chain.getInteger("complete")).isEqualTo(0);
    assertThat(chain.getJsonArray("nodes").getJsonObject(0).getString("sid")).isEqualTo("pub-stranger");
  }

  @Test
  void sellersJsonListsTheConfiguredSellers() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gavel.port + "/sellers.json")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("version")).isEqualTo("1.0");
    assertThat(body.getString("contact_email")).isEqualTo("ops@gavel.example");
    assertThat(body.getJsonArray("sellers")).containsExactly(
        new JsonObject().put("seller_id", "1001").put("seller_type", "PUBLISHER").put("name", "Daily Ledger")
            .put("domain", "dailyledger-news.com"),
        new JsonObject().put("seller_id", "2002").put("seller_type", "INTERMEDIARY").put("is_confidential", 1));
  }
}
