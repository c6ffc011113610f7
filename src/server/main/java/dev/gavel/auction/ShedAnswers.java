package dev.gavel.auction;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.auction.admission.Admission;
import dev.gavel.auction.admission.ShedReason;
import dev.gavel.config.AuctionConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * The answer to an auction Gavel will not run: a 200 no-bid with the OpenRTB no-bid reason
 * ({@code nbr}), written at once, counted in {@code gavel_auction_shed_total{reason}}; for a test
 * request, {@code ext.shed} says why. No auction event is published for it: shedding is what
 * Gavel does when it has no time to spare, so it costs as little as it can (under overload it
 * runs for most requests): the body is assembled from bytes, not serialised.
 */
final class ShedAnswers {
  private static final byte[] ID = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NBR = "\",\"nbr\":".getBytes(StandardCharsets.US_ASCII);

  private final AuctionSetup setup;
  private final AuctionConfig config;
  private final Admission admission;

  ShedAnswers(AuctionSetup setup, Admission admission) {
    this.setup = setup;
    this.config = setup.auction();
    this.admission = admission;
  }

  /** @param tmax the request's tmax, or null for none: a shed answer can be late too (its body was slow to come) */
  void send(RoutingContext ctx, String requestId, boolean test, Integer tmax, ShedReason reason, long arrivalNanos) {
    Buffer body = test ? explained(requestId, reason, arrivalNanos) : plain(requestId, reason);
    if (!AuctionHandler.isWarmUp(ctx)) { // counted before the answer leaves, as AuctionHandler does
      long now = System.nanoTime();
      long dueMs = Math.min(tmax == null || tmax <= 0 ? config.defaultTmaxMs() : tmax, config.maxTmaxMs());
      setup.admissions().shed(reason);
      setup.metrics().recordShed(reason, now - arrivalNanos, now - arrivalNanos > dueMs * 1_000_000L);
    }
    ctx.response().putHeader("x-openrtb-version", AuctionHandler.OPENRTB_VERSION)
        .putHeader("content-type", "application/json")
        .end(body);
  }

  /** {@code {"id":"...","nbr":N}}. */
  private static Buffer plain(String requestId, ShedReason reason) {
    byte[] id = JsonStringEncoder.getInstance().quoteAsUTF8(requestId);
    return Buffer.buffer(ID.length + id.length + NBR.length + 4)
        .appendBytes(ID).appendBytes(id).appendBytes(NBR).appendString(Integer.toString(reason.nbr())).appendByte((byte) '}');
  }

  private Buffer explained(String requestId, ShedReason reason, long arrivalNanos) {
    ObjectNode ext = JsonNodeFactory.instance.objectNode();
    ext.putObject("shed")
        .put("reason", reason.label())
        .put("loopLagMs", admission.sustainedLagNanos() / 1_000_000L)
        .put("safetyMarginMs", admission.marginNanos() / 1_000_000L)
        .put("inFlight", admission.inFlight());
    return Buffer.buffer(setup.json().write(ResponseBuilder.noBid(requestId, reason.nbr(), ext)));
  }
}
