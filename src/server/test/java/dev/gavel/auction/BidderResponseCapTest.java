package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.ServingHarness;
import dev.gavel.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A bidder's response body has a size cap (bidderClient.maxResponseBytes); over it, the answer is refused and says why. */
class BidderResponseCapTest {
  private static Vertx bidderVertx;
  private static ServingHarness gavel;

  /** A bid for imp 1 whose markup is {@code admBytes} long; its request id is echoed, as a bidder must. */
  private static String answer(String requestBody, int admBytes) {
    String id = new JsonObject(requestBody).getString("id");
    return new JsonObject().put("id", id).put("seatbid", new JsonArray().add(new JsonObject().put("bid", new JsonArray()
        .add(new JsonObject().put("id", "b1").put("impid", "1").put("price", 5.0).put("adm", "x".repeat(admBytes)))))).encode();
  }

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    var big = TestVertx.await(bidderVertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(b -> request.response().putHeader("content-type", "application/json")
            .end(answer(b.toString(), 300_000))))
        .listen(0, "127.0.0.1"));
    var small = TestVertx.await(bidderVertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(b -> request.response().putHeader("content-type", "application/json")
            .end(answer(b.toString(), 1_000))))
        .listen(0, "127.0.0.1"));
    gavel = ServingHarness.start(new JsonObject()
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("bidders", new JsonArray()
            .add(new JsonObject().put("name", "big").put("url", "http://127.0.0.1:" + big.actualPort() + "/bid"))
            .add(new JsonObject().put("name", "small").put("url", "http://127.0.0.1:" + small.actualPort() + "/bid"))),
        null);
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  @Test
  void anOversizedBidderAnswerIsRefusedAndTheOthersStillWin() {
    JsonObject request = new JsonObject().put("id", "cap-1").put("tmax", 1000).put("test", 1)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 728).put("h", 90))))))
        .put("site", new JsonObject().put("domain", "news.example"));
    JsonObject body = new JsonObject(gavel.postAuction(request.encode()).body());

    assertThat(body.getJsonArray("seatbid").getJsonObject(0).getString("seat")).isEqualTo("small");
    JsonObject error = body.getJsonObject("ext").getJsonObject("errors").getJsonArray("big").getJsonObject(0);
    assertThat(error.getString("message")).contains("over 262144 bytes").contains("refused");
  }
}
