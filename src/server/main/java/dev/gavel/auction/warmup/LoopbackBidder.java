package dev.gavel.auction.warmup;

import dev.gavel.config.BidderConfig;
import dev.gavel.openrtb.Bid;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.BidResponse;
import dev.gavel.openrtb.Format;
import dev.gavel.openrtb.Imp;
import dev.gavel.openrtb.InvalidJsonException;
import dev.gavel.openrtb.OpenRtbJson;
import dev.gavel.openrtb.SeatBid;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The warm-up's external bidder, on an ephemeral loopback port for the length of the warm-up:
 * it bids on every imp with its own notice URLs (so Gavel's forwarding of them runs too), and
 * answers requests whose id starts with {@value #LATE_PREFIX} after their auction has closed, so
 * the close-at-the-deadline path is compiled as well. No real partner is ever called by a warm-up.
 */
final class LoopbackBidder extends VerticleBase {
  static final String NAME = BidderConfig.WARM_UP_BIDDER;
  static final String LATE_PREFIX = "late-";
  private static final long LATE_MS = 400;

  private final OpenRtbJson json = new OpenRtbJson();
  private HttpServer server;

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(this::handle);
    return server.listen();
  }

  /** How the auction engine sees this bidder: every media type, no budget to speak of. */
  BidderConfig asBidder() {
    URI url = URI.create("http://127.0.0.1:" + server.actualPort() + "/bid");
    return new BidderConfig(NAME, url, true, 5, Set.of("banner", "video", "audio", "native"), 100_000);
  }

  private void handle(HttpServerRequest request) {
    if (request.method() == HttpMethod.GET) {
      request.response().setStatusCode(204).end(); // a forwarded win or billing notice
      return;
    }
    request.body().onSuccess(body -> {
      BidRequest bidRequest;
      try {
        bidRequest = json.readBidRequest(body.getBytes());
      } catch (InvalidJsonException e) {
        request.response().setStatusCode(400).end();
        return;
      }
      Buffer answer = Buffer.buffer(json.write(bids(bidRequest)));
      if (bidRequest.id().startsWith(LATE_PREFIX)) {
        vertx.setTimer(LATE_MS, t -> send(request, answer));
      } else {
        send(request, answer);
      }
    });
  }

  private static void send(HttpServerRequest request, Buffer answer) {
    if (!request.response().closed()) {
      request.response().putHeader("content-type", "application/json").end(answer);
    }
  }

  private BidResponse bids(BidRequest request) {
    String self = "http://127.0.0.1:" + server.actualPort();
    List<Bid> bids = new ArrayList<>();
    // It outbids the campaigns in half the auctions, so both kinds of winner (and their pixels) are warmed.
    BigDecimal price = (request.id().hashCode() & 1) == 0 ? new BigDecimal("20.00") : new BigDecimal("0.01");
    int n = 0;
    for (Imp imp : request.imp()) {
      boolean video = imp.banner() == null && imp.video() != null;
      String adm = video
          ? "<VAST version=\"4.0\"><Ad><InLine><AdSystem>warm-up</AdSystem><Impression><![CDATA[" + self
              + "/imp?p=${AUCTION_PRICE}]]></Impression><Creatives/></InLine></Ad></VAST>"
          : "<div data-price=\"${AUCTION_PRICE}\">warm-up</div>";
      // A banner bid of one of the imp's sizes, so that it passes the size check as a real one must.
      Format size = video || imp.banner() == null || imp.banner().format() == null || imp.banner().format().isEmpty()
          ? null : imp.banner().format().get(0);
      bids.add(new Bid("wu-" + (n++), imp.id(), price,
          self + "/win?price=${AUCTION_PRICE}&auction=${AUCTION_ID}", self + "/bill?price=${AUCTION_PRICE}", null, adm, null,
          List.of("warm-up.gavel.invalid"), null, null, "cmp-warm-up", "cr-warm-up", null, null, null, null, null, null,
          null, null, null, size == null ? null : size.w(), size == null ? null : size.h(), null, null, null, null, video ? 2 : 1,
          null, null));
    }
    return new BidResponse(request.id(), List.of(new SeatBid(bids, NAME, null, null)), null, request.cur().get(0), null, null, null);
  }
}
