package dev.gavel.auction;

import dev.gavel.auction.admission.Admission;
import dev.gavel.auction.admission.ShedReason;
import dev.gavel.config.BidderConfig;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.EventBusSink;
import dev.gavel.http.GzipBodies;
import dev.gavel.http.JsonErrors;
import dev.gavel.http.MediaTypes;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.BidResponse;
import dev.gavel.openrtb.InvalidJsonException;
import dev.gavel.openrtb.OpenRtbJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /openrtb2/auction}: start the clock, admit or shed, read, validate, run the
 * auction, answer. The clock starts and admission is decided when the request arrives, before its
 * body is read; a shed request is answered at once with a no-bid, never queued.
 */
final class AuctionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AuctionHandler.class);
  private static final String ARRIVAL = "gavel.arrivalNanos";
  private static final String SHED = "gavel.shed";
  private static final String WARM_UP = "gavel.warmUp";
  static final String OPENRTB_VERSION = "2.6";

  private final AuctionSetup setup;
  private final Deadlines deadlines;
  private final AuctionEngine engine;
  private final Admission admission;
  private final ShedAnswers shedAnswers;
  private final List<BidderConfig> bidders;
  private final RequestValidator validator = new RequestValidator();

  private final EventBusSink events;

  AuctionHandler(AuctionSetup setup, AuctionEngine engine, Admission admission, EventBusSink events) {
    this.setup = setup;
    this.deadlines = new Deadlines(setup.auction());
    this.engine = engine;
    this.admission = admission;
    this.shedAnswers = new ShedAnswers(setup, admission);
    this.bidders = setup.bidders();
    this.events = events;
  }

  /**
   * First step: start the clock, refuse what is not JSON, and decide admission before reading the
   * body. The clock starts when Vert.x hands the request over, less the event loop's current lag:
   * a request read just after a stall (a GC pause, a starved thread) may have waited that long in
   * the socket, and the publisher's clock was running.
   */
  void accept(RoutingContext ctx) {
    long now = System.nanoTime();
    long arrival = now - admission.lagNanos(now);
    ctx.put(ARRIVAL, arrival);
    String type = ctx.request().getHeader("content-type");
    if (!MediaTypes.isJson(type)) {
      JsonErrors.send(ctx, 415, "unsupported_media_type",
          "Content-Type must be application/json, got " + (type == null ? "none" : "'" + type + "'"));
      return;
    }
    if (setup.warmUp().isWarmUp(ctx.request().getHeader(WarmUpGate.HEADER))) {
      ctx.put(WARM_UP, Boolean.TRUE);
      if (ctx.request().getHeader(WarmUpGate.SHED_HEADER) != null) {
        ctx.put(SHED, ShedReason.LOOP_LAG); // the shed answer is on the path an overload takes: warm it too
      } else {
        admission.enter();
        ctx.addEndHandler(done -> admission.done());
      }
    } else {
      ShedReason shed = admission.admit(now);
      if (shed == null) {
        ctx.addEndHandler(done -> admission.done());
      } else {
        ctx.put(SHED, shed);
      }
    }
    ctx.next();
  }

  void handle(RoutingContext ctx) {
    long arrival = ctx.get(ARRIVAL);
    byte[] bytes = bodyBytes(ctx, arrival);
    if (bytes == null) {
      return;
    }
    ShedReason shed = ctx.get(SHED);
    if (shed != null) {
      OpenRtbJson.Peek peek = setup.json().peek(bytes);
      if (peek != null) {
        shedAnswers.send(ctx, peek.id(), peek.test(), peek.tmax(), shed, arrival);
        return;
      }
      // Not readable the quick way: read it fully, so broken input still gets its 400.
    }
    BidRequest request;
    try {
      request = setup.json().readBidRequest(bytes);
    } catch (InvalidJsonException e) {
      JsonObject error = JsonErrors.body("invalid_json", e.getMessage());
      if (!e.path().isEmpty()) {
        error.put("field", e.path());
      }
      reject(ctx, arrival, error);
      return;
    }
    RequestValidator.Verdict verdict = validator.check(request);
    if (verdict.refused()) {
      reject(ctx, arrival, invalidRequest(verdict.all()));
      return;
    }
    if (shed != null) {
      shedAnswers.send(ctx, request.id(), Integer.valueOf(1).equals(request.test()), request.tmax(), shed, arrival);
      return;
    }
    int tmax = deadlines.tmaxMs(request.tmax());
    Deadline deadline = deadlines.deadline(arrival, tmax, admission.marginNanos());
    if (deadlines.tooShort(deadline, System.nanoTime())) {
      shedAnswers.send(ctx, request.id(), Integer.valueOf(1).equals(request.test()), request.tmax(), ShedReason.INSUFFICIENT_TIME,
          arrival);
      return;
    }
    if (verdict.impProblems().isEmpty()) {
      run(ctx, request, deadline, tmax, List.of());
    } else { // only the imps at fault are lost, and the answer says why
      run(ctx, request.withImps(verdict.keptImps(request.imp())), deadline, tmax, verdict.dropNotes());
    }
  }

  private void run(RoutingContext ctx, BidRequest request, Deadline deadline, int tmax, List<String> notes) {
    boolean warmUp = isWarmUp(ctx);
    AuctionIds ids = AuctionIds.mint(ctx.request().getHeader("traceparent"));
    engine.run(ids, request, deadline, warmUp ? setup.warmUp().bidders() : bidders, notes, !warmUp).onComplete(done -> {
      if (done.failed()) {
        LOG.error("auction {} failed", ids.auctionId(), done.cause());
        ctx.fail(500, done.cause());
        return;
      }
      AuctionResult result = done.result();
      try {
        respond(ctx, ResponseBuilder.build(result, setup.tracking()), result.hasWinner() ? "bid" : "no_bid", deadline);
      } catch (RuntimeException e) {
        LOG.error("auction {}: its answer could not be written", ids.auctionId(), e);
        ctx.fail(500, e); // answered at once, not left open until the client gives up
        return;
      }
      publish(result, tmax, deadline.arrivalNanos());
    });
  }

  /** The request body, inflated if gzip; null when an error has already been sent. */
  private byte[] bodyBytes(RoutingContext ctx, long arrival) {
    Buffer body = ctx.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    String encoding = ctx.request().getHeader("content-encoding");
    if (encoding == null || encoding.equalsIgnoreCase("identity")) {
      return bytes;
    }
    if (!encoding.equalsIgnoreCase("gzip")) {
      JsonErrors.send(ctx, 415, "unsupported_media_type", "Content-Encoding must be gzip or identity, got '" + encoding + "'");
      setup.metrics().recordResponse("invalid", System.nanoTime() - arrival, false);
      return null;
    }
    try {
      return GzipBodies.inflate(bytes, setup.maxBodyBytes());
    } catch (GzipBodies.TooLargeException e) {
      JsonErrors.send(ctx, 413, "body_too_large", e.getMessage());
    } catch (java.io.IOException e) {
      JsonErrors.send(ctx, 400, "invalid_gzip", "the gzip body could not be inflated: " + e.getMessage());
    }
    setup.metrics().recordResponse("invalid", System.nanoTime() - arrival, false);
    return null;
  }

  /** After the answer is on its way: the event costs the publisher nothing. */
  private void publish(AuctionResult result, int tmax, long arrival) {
    long durationMs = (System.nanoTime() - arrival) / 1_000_000L;
    AuctionEvent event = AuctionEvents.of(result, tmax, durationMs, System.currentTimeMillis());
    events.publish(event);
  }

  /**
   * Writes the auction's answer. An answer written after the close time (the close timer fired,
   * maybe late) measures how far past its close an auction can run: that overrun sets the margin.
   */
  private void respond(RoutingContext ctx, BidResponse response, String outcome, Deadline deadline) {
    Buffer body = response == null ? null : Buffer.buffer(setup.json().write(response));
    // Counted as the bytes leave, and before: whoever saw the answer sees it in the metrics.
    long now = System.nanoTime();
    if (deadline.passed(now)) {
      admission.recordOverrun(now - deadline.closeNanos());
    }
    if (!isWarmUp(ctx)) {
      setup.metrics().recordResponse(outcome, now - deadline.arrivalNanos(), deadline.late(now));
    }
    HttpServerResponse http = ctx.response().putHeader("x-openrtb-version", OPENRTB_VERSION);
    if (body == null) {
      http.setStatusCode(204).end();
    } else {
      http.putHeader("content-type", "application/json").end(body);
    }
    if (deadline.late(now)) {
      LOG.debug("late by {} us: budget {} ms, margin {} us, answered {} us after close, lag now {} us, in flight {}",
          (now - deadline.answerByNanos()) / 1000, deadline.budgetMillis(), (deadline.answerByNanos() - deadline.closeNanos()) / 1000,
          (now - deadline.closeNanos()) / 1000, admission.lagNanos(now) / 1000, admission.inFlight());
    }
  }

  /** The start-up warm-up's own auctions: they run like any other but stay out of the auction metrics. */
  static boolean isWarmUp(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(WARM_UP));
  }

  private void reject(RoutingContext ctx, long arrival, JsonObject error) {
    if (!isWarmUp(ctx)) {
      setup.metrics().recordResponse("invalid", System.nanoTime() - arrival, false);
    }
    ctx.response().putHeader("x-openrtb-version", OPENRTB_VERSION);
    JsonErrors.send(ctx, 400, error);
  }

  private static JsonObject invalidRequest(List<ValidationProblem> problems) {
    ValidationProblem first = problems.get(0);
    JsonArray all = new JsonArray();
    problems.forEach(p -> all.add(new JsonObject().put("field", p.field()).put("message", p.message())));
    return JsonErrors.body("invalid_request", first.field() + ": " + first.message())
        .put("field", first.field())
        .put("problems", all);
  }
}
