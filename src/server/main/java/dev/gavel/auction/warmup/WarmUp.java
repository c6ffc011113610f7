package dev.gavel.auction.warmup;

import dev.gavel.auction.AuctionRoutes;
import dev.gavel.auction.WarmUpGate;
import dev.gavel.auction.campaign.Campaign;
import dev.gavel.config.WarmUpConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the JVM before Gavel reports ready: test auctions through Gavel's own HTTP port, the
 * whole path a real one takes (campaigns, an external bidder over HTTP (the loopback one), the
 * close at the deadline, the response, event publishing, the win and billing pixels and some
 * clicks), in rounds, until {@link Steadiness} says the latency is steady and the JIT is quiet,
 * or the time is up. The first auction of a cold JVM took twice its deadline; the first minute of
 * demo traffic ran 10x slower than the next.
 */
public final class WarmUp extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  private static final Pattern CLICK_URL = Pattern.compile("https?://[^\\s\"'<>\\\\]+/event\\?t=[A-Za-z0-9._~-]+");
  /** Every few auctions is answered as a shed one: under overload that path runs at thousands a second. */
  private static final int SHED_EVERY = 4;
  /**
   * Every few auctions comes on a connection of its own (closed after the answer): a burst of new
   * connections was a path the warm-up's kept-alive pool never took, and its first one on a
   * fresh Gavel deoptimised the loops' compiled code (234 deoptimisations in 1.5 s, JFR).
   */
  private static final int NEW_CONNECTION_EVERY = 8;
  private static final long REQUEST_TIMEOUT_MS = 5_000;
  private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

  private final WarmUpConfig config;
  private final int port;
  private final WarmUpGate gate;
  private final WarmUpRequests requests;
  private final Promise<Void> finished = Promise.promise();
  private final Steadiness steadiness = new Steadiness();
  private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
  private final int roundSize;
  private WebClient client;
  private long startNanos;
  private long roundStartNanos;
  private long roundCompileMs;
  private long[] roundLatencies;
  private int roundDone;
  private long issued;
  private long nextSendNanos;
  private long completed;
  private long failures;

  public WarmUp(WarmUpConfig config, int port, WarmUpGate gate, List<Campaign> campaigns) {
    this.config = config;
    this.port = port;
    this.gate = gate;
    this.requests = new WarmUpRequests(campaigns);
    this.roundSize = Math.max(200, 25 * config.concurrency());
  }

  /**
   * Runs a warm-up against Gavel's port with a loopback bidder, and opens the gate when done;
   * never fails (a warm-up that breaks leaves Gavel cold but serving, with admission shedding).
   */
  public static Future<Void> run(Vertx vertx, WarmUpConfig config, int port, WarmUpGate gate, List<Campaign> campaigns,
                                 Future<Void> stopRequested) {
    if (!config.enabled() || stopRequested.isComplete()) {
      gate.markWarm();
      return Future.succeededFuture();
    }
    LoopbackBidder bidder = new LoopbackBidder();
    WarmUp warmUp = new WarmUp(config, port, gate, campaigns);
    return vertx.deployVerticle(bidder)
        .compose(bidderId -> {
          gate.useBidders(List.of(bidder.asBidder()));
          stopRequested.onComplete(v -> warmUp.cutShort());
          return vertx.deployVerticle(warmUp)
              .compose(id -> warmUp.finished.future().eventually(() -> vertx.undeploy(id)))
              .eventually(() -> vertx.undeploy(bidderId));
        })
        .recover(e -> {
          LOG.warn("warm-up failed ({}); serving cold, admission control sheds what cannot finish in time", e.toString());
          return Future.succeededFuture();
        })
        .onComplete(v -> {
          gate.useBidders(List.of());
          gate.markWarm();
        });
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(true).setUserAgent(BROWSER),
        new PoolOptions().setHttp1MaxSize(config.concurrency() * 2));
    startNanos = System.nanoTime();
    startRound();
    // The time limit holds even if no round ever completes (every auction failing or hanging).
    vertx.setTimer(config.maxSeconds() * 1000L, t -> {
      if (!finished.future().isComplete()) {
        finish(true);
      }
    });
    for (int i = 0; i < config.concurrency(); i++) {
      next();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    client.close();
    return Future.succeededFuture();
  }

  /** Sends the next auction at its slot of the paced schedule. */
  private void next() {
    if (finished.future().isComplete()) {
      return;
    }
    long now = System.nanoTime();
    long at = Math.max(now, nextSendNanos);
    nextSendNanos = at + 1_000_000_000L / config.maxRate();
    if (at - now >= 1_000_000L) {
      vertx.setTimer((at - now) / 1_000_000L, t -> send());
    } else {
      send();
    }
  }

  private void send() {
    if (finished.future().isComplete()) {
      return;
    }
    long n = issued++;
    long sent = System.nanoTime();
    var request = client.post(port, "127.0.0.1", AuctionRoutes.PATH)
        .timeout(REQUEST_TIMEOUT_MS)
        .putHeader("content-type", "application/json")
        .putHeader(WarmUpGate.HEADER, gate.secret());
    if (n % SHED_EVERY == 1) { // never one of the late ones (n % 8 == 7)
      request.putHeader(WarmUpGate.SHED_HEADER, "1");
    }
    if (n % NEW_CONNECTION_EVERY == 3) {
      request.putHeader("connection", "close");
    }
    boolean broken = WarmUpRequests.invalid(n);
    request.sendBuffer(requests.body(n))
        .compose(response -> {
          long latency = System.nanoTime() - sent;
          if (broken ? response.statusCode() != 400 : response.statusCode() != 200 && response.statusCode() != 204) {
            return Future.failedFuture("auction " + n + " answered " + response.statusCode() + ": " + response.bodyAsString());
          }
          if (broken) {
            return Future.succeededFuture(latency);
          }
          return firePixels(response.body(), n).map(latency);
        })
        .onComplete(done -> {
          if (finished.future().isComplete()) {
            return; // answered after the end (or cut off by it): not counted
          }
          if (done.succeeded()) {
            completed++;
            record(done.result());
          } else if (failures++ == 0) {
            LOG.warn("warm-up auction failed: {}", done.cause().toString());
          }
          if (failures > config.concurrency() * 10L && completed == 0) {
            finished.tryFail("no warm-up auction succeeded: " + done.cause());
          } else {
            next();
          }
        });
  }

  /** The win and billing pixels of every winning bid, and the click of every fifth auction's. */
  private Future<Void> firePixels(Buffer body, long n) {
    if (body == null || body.length() == 0) {
      return Future.succeededFuture();
    }
    List<Future<?>> hits = new java.util.ArrayList<>();
    JsonArray seatBids = new JsonObject(body).getJsonArray("seatbid", new JsonArray());
    for (int s = 0; s < seatBids.size(); s++) {
      JsonArray bids = seatBids.getJsonObject(s).getJsonArray("bid", new JsonArray());
      for (int b = 0; b < bids.size(); b++) {
        JsonObject bid = bids.getJsonObject(b);
        hits.add(hit(bid.getString("nurl")));
        hits.add(hit(bid.getString("burl")));
        Matcher click = CLICK_URL.matcher(bid.getString("adm", ""));
        if (n % 5 == 0 && click.find()) {
          hits.add(hit(click.group()));
        }
      }
    }
    return Future.join(hits).mapEmpty();
  }

  /**
   * Fires a tracking URL at this process, whatever host it names: the URLs carry
   * {@code tracking.publicBaseUrl}, which in production is a load balancer in front of other nodes.
   */
  private Future<?> hit(String url) {
    if (url == null) {
      return Future.succeededFuture();
    }
    java.net.URI uri = java.net.URI.create(url);
    String pathAndQuery = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    return client.get(port, "127.0.0.1", pathAndQuery).timeout(REQUEST_TIMEOUT_MS).putHeader("accept", "image/*").send();
  }

  private void record(long latencyNanos) {
    if (roundDone < roundLatencies.length) {
      roundLatencies[roundDone++] = latencyNanos;
    }
    if (roundDone < roundLatencies.length) {
      return;
    }
    long now = System.nanoTime();
    long compileMs = jit.getTotalCompilationTime();
    Arrays.sort(roundLatencies);
    steadiness.round(roundLatencies[roundLatencies.length / 2], now - roundStartNanos, (compileMs - roundCompileMs) * 1_000_000L);
    LOG.debug("warm-up round {}: median {} us, compiler busy {}%", steadiness.rounds(),
        steadiness.lastMedianNanos() / 1000, Math.round(steadiness.compileShare() * 100));
    boolean timeUp = now - startNanos > config.maxSeconds() * 1_000_000_000L;
    if ((completed >= config.minAuctions() && steadiness.steady()) || timeUp) {
      finish(timeUp && !steadiness.steady());
    } else {
      startRound();
    }
  }

  private void startRound() {
    roundStartNanos = System.nanoTime();
    roundCompileMs = jit.getTotalCompilationTime();
    roundLatencies = new long[roundSize];
    roundDone = 0;
  }

  /** Asked to stop while warming up: end now (from any thread), so start-up completes and the stop runs. */
  void cutShort() {
    if (context != null) {
      context.runOnContext(v -> {
        if (!finished.future().isComplete()) {
          LOG.info("warm-up cut short after {} auctions: stopping", completed);
          finished.tryComplete();
        }
      });
    } else {
      finished.tryComplete();
    }
  }

  private void finish(boolean notSteady) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    String how = notSteady ? "not steady yet when its time was up" : "steady";
    LOG.info("warm-up: {} auctions in {} s, {} (median {} ms, compiler busy {}% of the last round){}", completed,
        String.format("%.1f", seconds), how, String.format("%.2f", steadiness.lastMedianNanos() / 1e6),
        Math.round(steadiness.compileShare() * 100),
        notSteady ? "; admission control sheds what cannot finish in time" : "");
    finished.tryComplete();
  }
}
