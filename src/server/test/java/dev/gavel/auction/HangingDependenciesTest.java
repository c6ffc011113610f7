package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.ServingHarness;
import dev.gavel.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An auction whose every external dependency hangs is still answered at its deadline, with the
 * bids in hand: one bidder reads the request and never answers, another's connection is accepted
 * by the kernel and never read, a third answers a byte at a time, forever. And the trickling one
 * does not keep its concurrency slot past the grace period.
 */
class HangingDependenciesTest {
  private static final int TMAX = 300;
  /** Trickling responses whose connection is still open. */
  private static final java.util.concurrent.atomic.AtomicInteger TRICKLING = new java.util.concurrent.atomic.AtomicInteger();
  private static Vertx silentVertx;
  private static ServerSocket neverRead;
  private static ServingHarness gavel;

  @BeforeAll
  static void start() throws IOException {
    silentVertx = Vertx.vertx();
    var silent = TestVertx.await(silentVertx.createHttpServer()
        .requestHandler(request -> request.body()) // reads the body and never answers
        .listen(0, "127.0.0.1"));
    neverRead = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // never accept()ed
    var trickle = TestVertx.await(silentVertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(b -> {
          TRICKLING.incrementAndGet();
          request.connection().closeHandler(v -> TRICKLING.decrementAndGet());
          var response = request.response().setChunked(true).putHeader("content-type", "application/json");
          response.write("{\"id\":");
          silentVertx.setPeriodic(50, t -> {
            if (response.closed()) {
              silentVertx.cancelTimer(t);
            } else {
              response.write(" ");
            }
          });
        }))
        .listen(0, "127.0.0.1"));
    gavel = ServingHarness.start(new JsonObject()
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("bidderClient", new JsonObject().put("lateResponseGraceMs", 300))
        .put("bidders", new JsonArray()
            .add(new JsonObject().put("name", "silent").put("url", "http://127.0.0.1:" + silent.actualPort() + "/bid"))
            .add(new JsonObject().put("name", "unread").put("url", "http://127.0.0.1:" + neverRead.getLocalPort() + "/bid"))
            .add(new JsonObject().put("name", "trickle").put("url", "http://127.0.0.1:" + trickle.actualPort() + "/bid"))),
        null);
  }

  @AfterAll
  static void stop() throws IOException {
    gavel.close();
    neverRead.close();
    TestVertx.await(silentVertx.close());
  }

  @Test
  void theAnswerLeavesByTheDeadlineWithTheCampaignBidInHand() {
    JsonObject request = new JsonObject().put("id", "hang-1").put("tmax", TMAX)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))))
        .put("site", new JsonObject().put("domain", "news.example"));
    // A cold JVM's first auctions see start-up stalls (its lag-corrected clock then closes them
    // early, or a stall makes one late): those belong to the deadline tests, not to this one.
    for (int i = 0; i < 3; i++) {
      gavel.postAuction(request.encode());
    }
    double lateBefore = gavel.counter("gavel.auction.late.responses");
    double silentTimeoutsBefore = gavel.counter("gavel.bidder.calls", "bidder", "silent", "result", "timeout");
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = gavel.postAuction(request.encode());
      long elapsedMs = (System.nanoTime() - start) / 1_000_000L;

      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject body = new JsonObject(response.body());
      assertThat(body.getJsonArray("seatbid")).as(response.body()).isNotEmpty();
      assertThat(body.getJsonArray("seatbid").getJsonObject(0).getString("seat")).isEqualTo("gavel");
      JsonObject errors = body.getJsonObject("ext").getJsonObject("errors");
      assertThat(errors.getJsonArray("silent").getJsonObject(0).getInteger("code")).isEqualTo(1);
      assertThat(errors.getJsonArray("unread").getJsonObject(0).getInteger("code")).isEqualTo(1);
      // It waited for the bidders until its close (a measured margin, and the loop's lag, before tmax)...
      assertThat(elapsedMs).isGreaterThanOrEqualTo(TMAX / 2);
    }
    // ...and never answered after the publisher's deadline, by Gavel's own clock.
    assertThat(gavel.counter("gavel.auction.late.responses")).isEqualTo(lateBefore);
    assertThat(gavel.counter("gavel.bidder.calls", "bidder", "silent", "result", "timeout") - silentTimeoutsBefore).isEqualTo(3);
    // The trickling bidder is still sending, but its calls were given up after the grace period:
    // none holds a slot (the idle timeout alone would have waited on it forever).
    dev.gavel.testing.Eventually.await("the trickling bidder's slots are free", () -> gavel.registry.find("gavel.bidder.in.flight")
        .tag("bidder", "trickle").gauge().value() == 0, java.time.Duration.ofSeconds(5));
    // ...and their requests were reset: no connection to it is left open, still reading bytes.
    dev.gavel.testing.Eventually.await("the trickling bidder's connections are closed", () -> TRICKLING.get() == 0,
        java.time.Duration.ofSeconds(5));
  }
}
