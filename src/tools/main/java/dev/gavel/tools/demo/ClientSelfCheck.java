package dev.gavel.tools.demo;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs the demo's own traffic for a few seconds against a bare server in this JVM that answers
 * every auction at once with a bid, before the demo measures Gavel. Two reasons: it warms the
 * client's whole path (sending, reading, the pixels it fires, its first GCs), so that a cold client
 * is not charged to Gavel as late answers; and the latency it sees is what the client itself adds,
 * the floor under every figure the demo then prints.
 */
final class ClientSelfCheck {
  static final int SECONDS = 5;
  private static final long WAIT_SECONDS = 10;

  /** What the client saw against the bare server. */
  record Result(long sent, long answered, long errors, long pixels, double p99Ms, double maxMs) {}

  private ClientSelfCheck() {}

  static Result run(DemoOptions options, Inventory inventory, HttpClient http, ScheduledExecutorService scheduler)
      throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      Buffer[] bid = new Buffer[1];
      HttpServer server = vertx.createHttpServer().requestHandler(request -> answer(request, bid[0]))
          .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
      URI base = URI.create("http://127.0.0.1:" + server.actualPort());
      bid[0] = Buffer.buffer(bidResponse(base).encode());
      // No broken requests: the bare server cannot tell them, and would answer them 200.
      DemoOptions.Shares shares = options.shares();
      DemoOptions bare = new DemoOptions(base, SECONDS, options.rate(), options.maxInFlight(), options.campaigns(), 0,
          new DemoOptions.Shares(0, shares.click(), shares.bot(), shares.duplicate(), shares.dataCenter()), null);
      DemoStats stats = new DemoStats();
      Pixels pixels = new Pixels(http, scheduler, stats, bare.shares());
      PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
      new TrafficRun(bare, new RequestFactory(inventory, 0), http, scheduler, stats, pixels, silent).run();
      Histogram latency = stats.latency();
      return new Result(stats.sent.sum(), stats.bids.sum(), stats.errors.sum(), stats.pixelsFired(),
          latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static void answer(HttpServerRequest request, Buffer bid) {
    if (request.method() == HttpMethod.POST) {
      request.body().onComplete(body -> request.response().putHeader("content-type", "application/json").end(bid));
    } else {
      request.response().end();
    }
  }

  /** A winning bid shaped like Gavel's, its pixels and click pointing back at the bare server. */
  private static JsonObject bidResponse(URI base) {
    String event = base + "/event?t=selfcheck";
    JsonObject bid = new JsonObject().put("id", "1").put("impid", "1").put("price", 1.5).put("crid", "selfcheck")
        .put("adomain", new JsonArray().add("example.com")).put("nurl", event).put("burl", event)
        .put("adm", "<a href=\"" + event + "\"><img src=\"https://cdn.example.com/ad.png\"></a>");
    return new JsonObject().put("id", "selfcheck").put("bidid", "selfcheck").put("cur", "USD")
        .put("seatbid", new JsonArray().add(new JsonObject().put("seat", "gavel").put("bid", new JsonArray().add(bid))))
        .put("ext", new JsonObject().put("responsetimemillis", new JsonObject().put("gavel", 0)));
  }
}
