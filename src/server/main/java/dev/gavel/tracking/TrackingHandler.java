package dev.gavel.tracking;

import dev.gavel.auction.AuctionIds;
import dev.gavel.events.EventBusSink;
import dev.gavel.events.EventEnvelope;
import dev.gavel.events.EventJson;
import dev.gavel.events.TrackingEvent;
import dev.gavel.http.JsonErrors;
import dev.gavel.net.ClientAddress;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code GET /event?t=<token>}: a verified hit becomes a {@link TrackingEvent} handed to the event
 * bus, and is answered at once (302 for a click, else 204 or a 1x1 GIF); Kafka and the bidder's
 * notice happen after. A refused token is answered with its status and becomes nothing.
 *
 * <p>HEAD verifies and answers the same way but records nothing: link checkers and prefetchers
 * use HEAD, and a HEAD is not an ad being shown or clicked.
 */
final class TrackingHandler {
  /**
   * A 43-byte 1x1 GIF89a whose one pixel is colour 0, marked transparent; its LZW data (clear,
   * pixel, end) is complete, unlike the common 42-byte variant that drops the end code.
   */
  private static final String PIXEL_HEX =
      "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b";

  private final TokenSigner signer;
  private final EventBusSink sink;
  private final TrackingMetrics metrics;
  private final NoticeForwarder forwarder;
  private final byte[] pixel = HexFormat.of().parseHex(PIXEL_HEX);

  private final ClientAddress clientAddress;

  TrackingHandler(TokenSigner signer, EventBusSink sink, TrackingMetrics metrics, NoticeForwarder forwarder,
                  ClientAddress clientAddress) {
    this.clientAddress = clientAddress;
    this.signer = signer;
    this.sink = sink;
    this.metrics = metrics;
    this.forwarder = forwarder;
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String raw = request.getParam("t");
    long nowMs = System.currentTimeMillis();
    Verification verification = signer.verify(raw, nowMs);
    if (!verification.valid()) {
      Verification.Reason reason = verification.reason();
      metrics.rejected(reason.label());
      JsonErrors.send(ctx, reason.httpStatus(), reason.label(), reason.message());
      return;
    }
    TrackingToken token = verification.token();
    if (request.method() != HttpMethod.HEAD) {
      record(token, signer.tokenId(raw), request, nowMs);
    }
    answer(ctx, token);
  }

  private void record(TrackingToken token, String tokenId, HttpServerRequest request, long nowMs) {
    TrackingEvent event = new TrackingEvent(TrackingEvent.TYPE, TrackingEvent.SCHEMA_VERSION, AuctionIds.uuid(), token.traceId(),
        token.auctionId(), token.kind(), token.impId(), token.bidId(), token.seat(), token.campaignId(), token.bidder(),
        token.priceMicros(), token.currency(), token.issuedAtMs(), token.expiresAtMs(), nowMs, tokenId,
        clientIp(request), request.getHeader("user-agent"), token.test(), token.frequencyKey());
    sink.publish(event);
    metrics.event(token.kind());
    if (token.notifyUrl() != null && token.bidder() != null && !TrackingEvent.CLICK.equals(token.kind())) {
      forwarder.forward(token.notifyUrl());
    }
  }

  private void answer(RoutingContext ctx, TrackingToken token) {
    HttpServerResponse response = ctx.response();
    // A cached answer would hide the next hit from us, so nothing here may be cached.
    response.putHeader("cache-control", "no-store, no-cache, must-revalidate, max-age=0")
        .putHeader("pragma", "no-cache")
        .putHeader("expires", "0");
    if (TrackingEvent.CLICK.equals(token.kind()) && token.landingUrl() != null) {
      response.setStatusCode(302).putHeader("location", token.landingUrl()).end();
    } else if ("1".equals(ctx.request().getParam("img")) || prefersImage(ctx.request().getHeader("accept"))) {
      response.setStatusCode(200).putHeader("content-type", "image/gif").end(Buffer.buffer(pixel));
    } else {
      response.setStatusCode(204).end();
    }
  }

  private String clientIp(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return clientAddress.resolve(remote == null ? null : remote.hostAddress(), request.headers().getAll("x-forwarded-for"));
  }

  /**
   * True when the most preferred media type (highest q, earliest listed on a tie) is an image, as
   * for a browser's {@code <img>} fetch; a page navigation lists text/html first.
   */
  static boolean prefersImage(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    double bestQuality = -1;
    boolean bestIsImage = false;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      double quality = 1;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim();
        if (param.startsWith("q=")) {
          quality = parseQuality(param.substring(2));
        }
      }
      if (quality > bestQuality) {
        bestQuality = quality;
        bestIsImage = parts[0].trim().toLowerCase(Locale.ROOT).startsWith("image/");
      }
    }
    return bestIsImage && bestQuality > 0;
  }

  private static double parseQuality(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
