package dev.gavel.auction;

import dev.gavel.config.AuctionConfig;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.EventBusSink;
import dev.gavel.events.EventEnvelope;
import dev.gavel.events.EventJson;
import dev.gavel.http.GzipBodies;
import dev.gavel.http.JsonErrors;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.BidResponse;
import dev.gavel.openrtb.InvalidJsonException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /openrtb2/auction}: read, validate, set the deadline, run the auction, answer. The
 * clock starts when the request arrives, before its body is read.
 */
final class AuctionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AuctionHandler.class);
  private static final String ARRIVAL = "gavel.arrivalNanos";
  static final String OPENRTB_VERSION = "2.6";

  private final AuctionSetup setup;
  private final AuctionConfig config;
  private final AuctionEngine engine;
  private final RequestValidator validator = new RequestValidator();

  private final EventBusSink events;
  private final String auctionsTopic;

  AuctionHandler(AuctionSetup setup, AuctionEngine engine, EventBusSink events) {
    this.setup = setup;
    this.config = setup.config().auction();
    this.engine = engine;
    this.events = events;
    this.auctionsTopic = setup.config().kafka().topics().auctions();
  }

  /** First step: start the clock and refuse what is not JSON before reading the body. */
  void accept(RoutingContext ctx) {
    ctx.put(ARRIVAL, System.nanoTime());
    String type = ctx.request().getHeader("content-type");
    if (!isJson(type)) {
      JsonErrors.send(ctx, 415, "unsupported_media_type",
          "Content-Type must be application/json, got " + (type == null ? "none" : "'" + type + "'"));
      return;
    }
    ctx.next();
  }

  void handle(RoutingContext ctx) {
    long arrival = ctx.get(ARRIVAL);
    byte[] bytes = bodyBytes(ctx, arrival);
    if (bytes == null) {
      return;
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
    List<ValidationProblem> problems = validator.validate(request);
    if (!problems.isEmpty()) {
      reject(ctx, arrival, invalidRequest(problems));
      return;
    }
    int tmax = Math.min(request.tmax() == null ? config.defaultTmaxMs() : request.tmax(), config.maxTmaxMs());
    long publisherDeadline = arrival + tmax * 1_000_000L;
    Deadline deadline = Deadline.after(arrival, Math.max(0, tmax - config.safetyMarginMs()));
    if (deadline.remainingMillis(System.nanoTime()) < config.minAuctionMs()) {
      BidResponse noTime = ResponseBuilder.noBid(request.id(), ResponseBuilder.NBR_INSUFFICIENT_TIME, null);
      respond(ctx, noTime, "insufficient_time", arrival, publisherDeadline);
      return;
    }
    AuctionIds ids = AuctionIds.mint(ctx.request().getHeader("traceparent"));
    engine.run(ids, request, deadline).onComplete(done -> {
      if (done.failed()) {
        LOG.error("auction {} failed", ids.auctionId(), done.cause());
        ctx.fail(500, done.cause());
        return;
      }
      AuctionResult result = done.result();
      respond(ctx, ResponseBuilder.build(result, setup.tracking()), result.hasWinner() ? "bid" : "no_bid", arrival, publisherDeadline);
      publish(result, tmax, arrival);
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
      return GzipBodies.inflate(bytes, setup.config().http().maxBodyBytes());
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
    events.publish(new EventEnvelope(auctionsTopic, event.auctionId(), event.traceId(), EventJson.write(event)));
  }

  private void respond(RoutingContext ctx, BidResponse response, String outcome, long arrival, long publisherDeadline) {
    HttpServerResponse http = ctx.response().putHeader("x-openrtb-version", OPENRTB_VERSION);
    if (response == null) {
      http.setStatusCode(204).end();
    } else {
      http.putHeader("content-type", "application/json").end(Buffer.buffer(setup.json().write(response)));
    }
    long now = System.nanoTime();
    setup.metrics().recordResponse(outcome, now - arrival, now - publisherDeadline > 0);
  }

  private void reject(RoutingContext ctx, long arrival, JsonObject error) {
    ctx.response().putHeader("x-openrtb-version", OPENRTB_VERSION);
    JsonErrors.send(ctx, 400, error);
    setup.metrics().recordResponse("invalid", System.nanoTime() - arrival, false);
  }

  private static JsonObject invalidRequest(List<ValidationProblem> problems) {
    ValidationProblem first = problems.get(0);
    JsonArray all = new JsonArray();
    problems.forEach(p -> all.add(new JsonObject().put("field", p.field()).put("message", p.message())));
    return JsonErrors.body("invalid_request", first.field() + ": " + first.message())
        .put("field", first.field())
        .put("problems", all);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mime = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
  }
}
