package dev.gavel.auction;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.auction.admission.Admission;
import dev.gavel.auction.admission.ShedReason;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The answer to an auction Gavel will not run: a 200 no-bid with the OpenRTB no-bid reason
 * ({@code nbr}), written at once, counted in {@code gavel_auction_shed_total{reason}}; for a test
 * request, {@code ext.shed} says why. No auction event is published for it: shedding is what
 * Gavel does when it has no time to spare, so it costs as little as it can.
 */
final class ShedAnswers {
  private final AuctionSetup setup;
  private final Admission admission;

  ShedAnswers(AuctionSetup setup, Admission admission) {
    this.setup = setup;
    this.admission = admission;
  }

  void send(RoutingContext ctx, String requestId, boolean test, ShedReason reason, long arrivalNanos) {
    ObjectNode ext = test ? explain(reason, arrivalNanos) : null;
    byte[] body = setup.json().write(ResponseBuilder.noBid(requestId, reason.nbr(), ext));
    ctx.response().putHeader("x-openrtb-version", AuctionHandler.OPENRTB_VERSION)
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(body));
    if (!AuctionHandler.isWarmUp(ctx)) {
      setup.admissions().shed(reason);
      setup.metrics().recordShed(reason, System.nanoTime() - arrivalNanos);
    }
  }

  private ObjectNode explain(ShedReason reason, long arrivalNanos) {
    ObjectNode ext = JsonNodeFactory.instance.objectNode();
    ext.putObject("shed")
        .put("reason", reason.label())
        .put("loopLagMs", admission.lagNanos(arrivalNanos) / 1_000_000L)
        .put("safetyMarginMs", admission.marginNanos() / 1_000_000L)
        .put("inFlight", admission.inFlight());
    return ext;
  }
}
