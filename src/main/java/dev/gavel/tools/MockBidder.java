package dev.gavel.tools;

import dev.gavel.openrtb.Bid;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.BidResponse;
import dev.gavel.openrtb.Imp;
import dev.gavel.openrtb.InvalidJsonException;
import dev.gavel.openrtb.OpenRtbJson;
import dev.gavel.openrtb.SeatBid;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mock OpenRTB 2.6 bidder with configurable latency and behaviour, for the demo, the benchmark,
 * tests, and anyone integrating with Gavel. Run it with
 * {@code java -cp target/gavel.jar dev.gavel.tools.MockBidder --port 8091 --latency-ms 20}.
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
  private final OpenRtbJson json = new OpenRtbJson();
  private final AtomicLong requests = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<BidRequest> lastRequest = new java.util.concurrent.atomic.AtomicReference<>();
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

  /** The last bid request this bidder parsed (BID mode), for tests and integrators checking what Gavel sends. */
  public BidRequest lastRequest() {
    return lastRequest.get();
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
    BidRequest bidRequest;
    try {
      bidRequest = json.readBidRequest(body.getBytes());
      lastRequest.set(bidRequest);
    } catch (InvalidJsonException e) {
      request.response().setStatusCode(400).end(e.getMessage());
      return;
    }
    if (ThreadLocalRandom.current().nextDouble() >= settings.bidRate()) {
      request.response().setStatusCode(204).end();
      return;
    }
    List<Bid> bids = new ArrayList<>();
    for (Imp imp : bidRequest.imp()) {
      bids.add(bidFor(imp));
    }
    BidResponse response = new BidResponse(bidRequest.id(), List.of(new SeatBid(bids, settings.seat(), null, null)),
        null, settings.currency(), null, null, null);
    request.response().putHeader("content-type", "application/json").end(Buffer.buffer(json.write(response)));
  }

  private Bid bidFor(Imp imp) {
    BigDecimal span = settings.maxPrice().subtract(settings.minPrice());
    BigDecimal price = settings.minPrice().add(span.multiply(BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(101)))
        .movePointLeft(2)).setScale(2, java.math.RoundingMode.DOWN);
    boolean video = imp.banner() == null && imp.video() != null;
    Integer w = imp.banner() != null && imp.banner().format() != null && !imp.banner().format().isEmpty()
        ? imp.banner().format().get(0).w() : null;
    Integer h = imp.banner() != null && imp.banner().format() != null && !imp.banner().format().isEmpty()
        ? imp.banner().format().get(0).h() : null;
    String adm = video
        ? "<VAST version=\"4.0\"><Ad id=\"" + settings.seat() + "\"><InLine><AdSystem>" + settings.seat()
            + "</AdSystem><AdTitle>mock</AdTitle><Impression><![CDATA[https://" + settings.seat()
            + ".example/imp?p=${AUCTION_PRICE}]]></Impression><Creatives/></InLine></Ad></VAST>"
        : "<div class=\"mock-ad\" data-price=\"${AUCTION_PRICE}\">" + settings.seat() + " creative</div>";
    String id = settings.seat() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    String self = "http://127.0.0.1:" + port();
    return new Bid(id, imp.id(), price, self + "/win?price=${AUCTION_PRICE}&auction=${AUCTION_ID}",
        self + "/bill?price=${AUCTION_PRICE}&imp=${AUCTION_IMP_ID}", null, adm, null,
        List.of(settings.seat() + "-advertiser.example"), null, null, "cmp-" + settings.seat(), "cr-" + settings.seat(),
        null, null, null, null, null, null, null, null, null, w, h, null, null, null, null, video ? 2 : 1, null, null);
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
