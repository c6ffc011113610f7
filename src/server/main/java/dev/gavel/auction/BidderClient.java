package dev.gavel.auction;

import dev.gavel.auction.BidderOutcome.Status;
import dev.gavel.config.BidderClientConfig;
import dev.gavel.config.BidderConfig;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.BidResponse;
import dev.gavel.openrtb.InvalidJsonException;
import dev.gavel.openrtb.OpenRtbJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Calls external OpenRTB bidders over pooled keep-alive connections, one client per event loop.
 * A call never fails: every error, timeout or bad answer becomes a {@link BidderOutcome}.
 */
public final class BidderClient implements BidderTransport {
  private static final String USER_AGENT = "Gavel/0.1 (OpenRTB 2.6)";
  private final Vertx vertx;
  private final HttpClient client;
  private final OpenRtbJson json;
  private final long lateGraceMs;
  private final long connectTimeoutMs;
  private final CappedBody body;

  public BidderClient(Vertx vertx, BidderClientConfig config, OpenRtbJson json) {
    this.vertx = vertx;
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setKeepAliveTimeout(config.keepAliveSeconds())
        .setConnectTimeout(config.connectTimeoutMs())
        .setTcpNoDelay(true)
        .setDecompressionSupported(true);
    // No wait queue: when a bidder's connections are all busy, a call fails at once (throttled)
    // rather than wait for one past its auction's close. A call that opens a new connection waits
    // for it at most until the close (connectTimeout below).
    this.client = vertx.createHttpClient(options, new PoolOptions()
        .setHttp1MaxSize(config.maxConnectionsPerBidder())
        .setMaxWaitQueueSize(0));
    this.json = json;
    this.lateGraceMs = config.lateResponseGraceMs();
    this.connectTimeoutMs = config.connectTimeoutMs();
    this.body = new CappedBody(config.maxResponseBytes());
  }

  /**
   * Sends {@code outbound}. The auction stops waiting at its close ({@code timeoutMs}) and
   * discards a later answer; the exchange is given up only {@code lateResponseGraceMs} after that,
   * because resetting an HTTP/1.1 request closes its connection: with a bidder that is always a
   * little late, resetting at the close meant a new connection per auction, and 30% of responses
   * late at 300 auctions/s instead of 5%. The returned outcome comes by then at the latest, even
   * from a bidder that keeps trickling bytes (an idle timeout alone would wait on it), and the
   * request is then reset, so neither the bidder's concurrency slot nor its connection is held
   * longer. A body over {@code maxResponseBytes} resets it too, rather than read the rest.
   */
  @Override
  public Future<BidderOutcome> call(BidderConfig bidder, BidRequest outbound, String currency, long timeoutMs) {
    long start = System.nanoTime();
    long giveUpMs = timeoutMs + lateGraceMs;
    Promise<BidderOutcome> outcome = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    long timer = vertx.setTimer(Math.max(1, giveUpMs), t -> {
      if (outcome.tryComplete(BidderOutcome.failed(bidder.name(), Status.TIMEOUT, elapsedMs(start),
          "still answering " + giveUpMs + " ms after the call: given up")) && sent[0] != null) {
        sent[0].reset(); // frees the connection: a trickling bidder would otherwise hold it for good
      }
    });
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(bidder.url().toString())
        .setConnectTimeout(Math.max(1, Math.min(timeoutMs, connectTimeoutMs)))
        .setIdleTimeout(giveUpMs)
        .putHeader("content-type", "application/json")
        .putHeader("x-openrtb-version", bidder.ortbVersion())
        .putHeader("user-agent", USER_AGENT);
    client.request(request)
        .compose(req -> {
          sent[0] = req;
          return req.send(Buffer.buffer(json.write(outbound)));
        })
        .compose(response -> body.read(response)
            .map(bytes -> interpret(bidder, outbound, currency, response.statusCode(), bytes, elapsedMs(start))))
        .otherwise(failure -> {
          if (failure instanceof CappedBody.TooLargeException && sent[0] != null) {
            sent[0].reset(); // the rest of the body is not worth reading
          }
          return failed(bidder, failure, elapsedMs(start));
        })
        .onSuccess(done -> {
          vertx.cancelTimer(timer);
          outcome.tryComplete(done);
        });
    return outcome.future();
  }

  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  private BidderOutcome interpret(
      BidderConfig bidder, BidRequest outbound, String currency, int status, Buffer body, long latencyMs) {
    if (status == 204 || (status == 200 && (body == null || body.length() == 0))) {
      return BidderOutcome.failed(bidder.name(), Status.NO_BID, latencyMs, null);
    }
    if (status < 200 || status > 299) {
      return BidderOutcome.failed(bidder.name(), Status.ERROR, latencyMs, "HTTP " + status);
    }
    BidResponse parsed;
    try {
      parsed = json.readBidResponse(body.getBytes());
    } catch (InvalidJsonException e) {
      return BidderOutcome.failed(bidder.name(), Status.ERROR, latencyMs, "malformed response: " + e.getMessage());
    }
    if (parsed.id() == null || !parsed.id().equals(outbound.id())) {
      return BidderOutcome.failed(bidder.name(), Status.ERROR, latencyMs,
          "response id '" + parsed.id() + "' does not match request id '" + outbound.id() + "'");
    }
    return new BidScreen(bidder, outbound, currency).screen(parsed, latencyMs);
  }

  private static BidderOutcome failed(BidderConfig bidder, Throwable failure, long latencyMs) {
    if (failure instanceof ConnectionPoolTooBusyException) {
      return BidderOutcome.failed(bidder.name(), Status.THROTTLED, latencyMs, "every pooled connection to it is busy");
    }
    if (failure instanceof CappedBody.TooLargeException) {
      return BidderOutcome.failed(bidder.name(), Status.ERROR, latencyMs, failure.getMessage());
    }
    if (failure instanceof TimeoutException) {
      return BidderOutcome.failed(bidder.name(), Status.TIMEOUT, latencyMs, "timed out");
    }
    String what = failure instanceof ConnectException ? "connection failed: " : "request failed: ";
    return BidderOutcome.failed(bidder.name(), Status.ERROR, latencyMs, what + failure.getMessage());
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000L;
  }
}
