package dev.gavel.testkit;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mock OpenRTB 2.6 bidder with configurable latency and behaviour, for the demo, the benchmark,
 * tests, and anyone integrating with Gavel. Run it with
 * {@code java -cp target/gavel-tools.jar dev.gavel.testkit.MockBidder --port 8091 --latency-ms 20}.
 *
 * <p>It reads and writes OpenRTB as plain JSON, not through Gavel's model, so what Gavel sends is
 * read by an independent parser.
 */
public final class MockBidder extends VerticleBase {

  /** What the bidder answers. */
  public enum Mode { BID, NO_BID, ERROR, MALFORMED }

  /**
   * @param latencyMs fixed delay before answering; @param jitterMs extra random delay up to this
   * @param bidRate share of requests (0..1) answered with bids in BID mode
   */
  public record Settings(int port, String seat, Mode mode, long latencyMs, long jitterMs, double bidRate,
                         BigDecimal minPrice, BigDecimal maxPrice, String currency) {

    public static Settings bidding(int port, String seat, BigDecimal price, long latencyMs) {
      return new Settings(port, seat, Mode.BID, latencyMs, 0, 1.0, price, price, "USD");
    }

    public Settings withMode(Mode newMode) {
      return new Settings(port, seat, newMode, latencyMs, jitterMs, bidRate, minPrice, maxPrice, currency);
    }
  }

  private final Settings settings;
  private final AtomicLong requests = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<Buffer> lastRequest = new java.util.concurrent.atomic.AtomicReference<>();
  private final java.util.Queue<String> notices = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private HttpServer server;

  public MockBidder(Settings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setPort(settings.port()).setHost("127.0.0.1"))
        .requestHandler(request -> {
          if (request.method() == io.vertx.core.http.HttpMethod.GET) {
            notices.add(request.uri()); // a win or billing notice Gavel forwarded
            request.response().setStatusCode(204).end();
          } else {
            request.body().onSuccess(body -> answerLater(request, body));
          }
        });
    return server.listen();
  }

  public int port() {
    return server.actualPort();
  }

  public long requestCount() {
    return requests.get();
  }

  /** The notice URLs (path and query) Gavel has called on this bidder, oldest first. */
  public java.util.List<String> notices() {
    return java.util.List.copyOf(notices);
  }

  /** The body of the last bid request this bidder parsed (BID mode), for tests and integrators checking what Gavel sends. */
  public byte[] lastRequest() {
    Buffer body = lastRequest.get();
    return body == null ? null : body.getBytes();
  }

  /** Forgets the last request, so that a test can tell whether the next auction called this bidder. */
  public void forgetLastRequest() {
    lastRequest.set(null);
  }

  private void answerLater(HttpServerRequest request, Buffer body) {
    requests.incrementAndGet();
    long delay = settings.latencyMs() + (settings.jitterMs() > 0 ? ThreadLocalRandom.current().nextLong(settings.jitterMs() + 1) : 0);
    if (delay <= 0) {
      answer(request, body);
    } else {
      vertx.setTimer(delay, t -> answer(request, body));
    }
  }

  private void answer(HttpServerRequest request, Buffer body) {
    switch (settings.mode()) {
      case ERROR -> request.response().setStatusCode(500).end("{\"error\":\"mock failure\"}");
      case MALFORMED -> request.response().putHeader("content-type", "application/json").end("{\"id\": \"x\", \"seatbid\": [ {");
      case NO_BID -> request.response().setStatusCode(204).end();
      case BID -> bid(request, body);
    }
  }

  private void bid(HttpServerRequest request, Buffer body) {
    JsonObject bidRequest;
    JsonArray imps;
    try {
      bidRequest = new JsonObject(body);
      imps = bidRequest.getJsonArray("imp");
      if (imps == null || imps.isEmpty()) {
        throw new DecodeException("no imp");
      }
      lastRequest.set(body);
    } catch (DecodeException | ClassCastException e) {
      request.response().setStatusCode(400).end("{\"error\":\"not a bid request: " + e.getMessage().replace('"', '\'') + "\"}");
      return;
    }
    if (ThreadLocalRandom.current().nextDouble() >= settings.bidRate()) {
      request.response().setStatusCode(204).end();
      return;
    }
    JsonArray bids = new JsonArray();
    for (int i = 0; i < imps.size(); i++) {
      bids.add(bidFor(imps.getJsonObject(i)));
    }
    JsonObject response = new JsonObject().put("id", bidRequest.getString("id"))
        .put("seatbid", new JsonArray().add(new JsonObject().put("seat", settings.seat()).put("bid", bids)))
        .put("cur", settings.currency());
    request.response().putHeader("content-type", "application/json").end(response.toBuffer());
  }

  private JsonObject bidFor(JsonObject imp) {
    BigDecimal span = settings.maxPrice().subtract(settings.minPrice());
    BigDecimal price = settings.minPrice().add(span.multiply(BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(101)))
        .movePointLeft(2)).setScale(2, java.math.RoundingMode.DOWN);
    JsonObject banner = imp.getJsonObject("banner");
    boolean video = banner == null && imp.getJsonObject("video") != null;
    JsonArray formats = banner == null ? null : banner.getJsonArray("format");
    JsonObject format = formats == null || formats.isEmpty() ? null : formats.getJsonObject(0);
    String adm = video
        ? "<VAST version=\"4.0\"><Ad id=\"" + settings.seat() + "\"><InLine><AdSystem>" + settings.seat()
            + "</AdSystem><AdTitle>mock</AdTitle><Impression><![CDATA[https://" + settings.seat()
            + ".example/imp?p=${AUCTION_PRICE}]]></Impression><Creatives/></InLine></Ad></VAST>"
        : "<div class=\"mock-ad\" data-price=\"${AUCTION_PRICE}\">" + settings.seat() + " creative</div>";
    String self = "http://127.0.0.1:" + port();
    JsonObject bid = new JsonObject()
        .put("id", settings.seat() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()))
        .put("impid", imp.getString("id"))
        .put("price", price)
        .put("nurl", self + "/win?price=${AUCTION_PRICE}&auction=${AUCTION_ID}")
        .put("burl", self + "/bill?price=${AUCTION_PRICE}&imp=${AUCTION_IMP_ID}")
        .put("adm", adm)
        .put("adomain", new JsonArray().add(settings.seat() + "-advertiser.example"))
        .put("cid", "cmp-" + settings.seat())
        .put("crid", "cr-" + settings.seat())
        .put("mtype", video ? 2 : 1);
    if (format != null) {
      bid.put("w", format.getInteger("w")).put("h", format.getInteger("h"));
    }
    return bid;
  }

  /** {@code --port 8091 --seat mockdsp --mode bid --latency-ms 20 --jitter-ms 10 --bid-rate 0.8 --min-price 0.5 --max-price 3}. */
  public static void main(String[] args) {
    Settings s = parse(args);
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new MockBidder(s))
        .onSuccess(id -> org.slf4j.LoggerFactory.getLogger(MockBidder.class)
            .info("mock bidder '{}' on http://127.0.0.1:{}/ mode={} latency={}+{}ms bidRate={}",
                s.seat(), s.port(), s.mode(), s.latencyMs(), s.jitterMs(), s.bidRate()))
        .onFailure(e -> {
          org.slf4j.LoggerFactory.getLogger(MockBidder.class).error("mock bidder failed to start: {}", e.getMessage());
          vertx.close().onComplete(v -> System.exit(1));
        });
  }

  static Settings parse(String[] args) {
    int port = 8091;
    String seat = "mockdsp";
    Mode mode = Mode.BID;
    long latency = 10;
    long jitter = 0;
    double rate = 1.0;
    BigDecimal min = new BigDecimal("0.50");
    BigDecimal max = new BigDecimal("3.00");
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(v);
        case "--seat" -> seat = v;
        case "--mode" -> mode = Mode.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
        case "--latency-ms" -> latency = Long.parseLong(v);
        case "--jitter-ms" -> jitter = Long.parseLong(v);
        case "--bid-rate" -> rate = Double.parseDouble(v);
        case "--min-price" -> min = new BigDecimal(v);
        case "--max-price" -> max = new BigDecimal(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Settings(port, seat, mode, latency, jitter, rate, min, max, "USD");
  }
}
