package dev.gavel.tools.demo;

import dev.gavel.tools.demo.RequestFactory.Planned;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends auctions at a steady rate (after a short ramp) for a fixed time, with a bounded number
 * awaiting an answer (a tick that finds none free skips its auction rather than queue it), hands each winning bid to
 * {@link Pixels}, prints a progress line every few seconds, then waits (bounded) for what is in
 * flight to finish.
 */
final class TrafficRun {
  private static final long TICK_MS = 5;
  private static final long PROGRESS_EVERY_MS = 5_000;
  private static final long DRAIN_MS = 10_000;
  private static final double RAMP_SECONDS = 3;

  private final DemoOptions options;
  private final RequestFactory requests;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final DemoStats stats;
  private final Pixels pixels;
  private final PrintStream out;
  private final URI auctionUri;
  private final Semaphore inFlight;
  private long issued;
  private long startNanos;

  TrafficRun(DemoOptions options, RequestFactory requests, HttpClient http, ScheduledExecutorService scheduler,
             DemoStats stats, Pixels pixels) {
    this(options, requests, http, scheduler, stats, pixels, System.out);
  }

  /** As above, with the progress lines written to {@code out}. */
  TrafficRun(DemoOptions options, RequestFactory requests, HttpClient http, ScheduledExecutorService scheduler,
             DemoStats stats, Pixels pixels, PrintStream out) {
    this.out = out;
    this.options = options;
    this.requests = requests;
    this.http = http;
    this.scheduler = scheduler;
    this.stats = stats;
    this.pixels = pixels;
    this.auctionUri = URI.create(options.url() + "/openrtb2/auction");
    this.inFlight = new Semaphore(options.maxInFlight());
  }

  /** Sends for the configured time and returns when the traffic has drained; the elapsed seconds of sending. */
  double run() throws InterruptedException {
    startNanos = System.nanoTime();
    long endNanos = startNanos + options.seconds() * 1_000_000_000L;
    ScheduledFuture<?> ticks = scheduler.scheduleAtFixedRate(() -> tick(endNanos), 0, TICK_MS, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> progress = scheduler.scheduleAtFixedRate(
        () -> out.println(stats.progressLine(elapsedSeconds())), PROGRESS_EVERY_MS, PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
    TimeUnit.NANOSECONDS.sleep(Math.max(0, endNanos - System.nanoTime()));
    ticks.cancel(false);
    double sendingSeconds = elapsedSeconds();
    long drainUntil = System.currentTimeMillis() + DRAIN_MS;
    while ((inFlight.availablePermits() < options.maxInFlight() || pixels.pending() > 0)
        && System.currentTimeMillis() < drainUntil) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    progress.cancel(false);
    out.println(stats.progressLine(elapsedSeconds()) + "  (done)");
    if (pixels.pending() > 0) {
      out.println("  (" + pixels.pending() + " pixels still pending after " + DRAIN_MS / 1000 + " s; not waiting for them)");
    }
    return sendingSeconds;
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void tick(long endNanos) {
    double seconds = (Math.min(System.nanoTime(), endNanos) - startNanos) / 1e9;
    // The rate ramps up over the first seconds, as traffic does, and gives a cold JIT a moment.
    double ramp = Math.min(RAMP_SECONDS, options.seconds() / 4.0);
    double sendable = seconds < ramp ? seconds * seconds / (2 * ramp) : seconds - ramp / 2;
    long target = (long) (sendable * options.rate());
    try {
      while (issued < target) {
        issued++;
        if (inFlight.tryAcquire()) {
          send(requests.next());
        } else {
          stats.skipped.increment();
        }
      }
    } catch (RuntimeException e) {
      stats.error("demo: " + e.getClass().getSimpleName());
    }
  }

  private void send(Planned planned) {
    HttpRequest request = HttpRequest.newBuilder(auctionUri).timeout(Duration.ofSeconds(2))
        .header("Content-Type", "application/json").header("x-openrtb-version", "2.6")
        .POST(HttpRequest.BodyPublishers.ofString(planned.body())).build();
    stats.sent.increment();
    if (!planned.valid()) {
      stats.brokenSent.increment();
    }
    long started = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
      try {
        if (failure != null) {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          stats.error(cause instanceof HttpTimeoutException ? "client timeout (2 s)" : "I/O: " + cause.getClass().getSimpleName());
        } else {
          answered(planned, response, System.nanoTime() - started);
        }
      } catch (RuntimeException e) {
        stats.error("unreadable response: " + e.getClass().getSimpleName());
      } finally {
        inFlight.release();
      }
    });
  }

  private void answered(Planned planned, HttpResponse<String> response, long nanos) {
    int status = response.statusCode();
    stats.againstTmax(nanos, planned.tmaxMs());
    if (status == 200 && isShed(response.body())) {
      // Shed at the door: Gavel did not read it, so even a broken request gets this no-bid.
      stats.latency(nanos);
      stats.shed.increment();
      return;
    }
    if (!planned.valid()) {
      if (status == 400) {
        stats.rejected.increment();
      } else {
        stats.error("broken request answered " + status);
      }
      return;
    }
    switch (status) {
      case 200 -> {
        stats.latency(nanos);
        bid(planned, new JsonObject(response.body()));
      }
      case 204 -> {
        stats.latency(nanos);
        stats.noBids.increment();
      }
      default -> stats.error("valid request answered " + status);
    }
  }

  /** A no-bid with a reason (nbr) and no seatbid: what Gavel answers when it sheds an auction. */
  private static boolean isShed(String body) {
    return body != null && body.contains("\"nbr\"") && !body.contains("\"seatbid\"");
  }

  private void bid(Planned planned, JsonObject response) {
    JsonArray seatBids = response.getJsonArray("seatbid", new JsonArray());
    boolean any = false;
    for (int i = 0; i < seatBids.size(); i++) {
      JsonObject seatBid = seatBids.getJsonObject(i);
      JsonArray bids = seatBid.getJsonArray("bid", new JsonArray());
      for (int k = 0; k < bids.size(); k++) {
        any = true;
        stats.win(seatBid.getString("seat"));
        pixels.winner(bids.getJsonObject(k), planned.client());
      }
    }
    (any ? stats.bids : stats.noBids).increment();
    if (any && response.getString("bidid") != null) {
      stats.sampleAuction.compareAndSet(null, response.getString("bidid"));
    }
    bidders(response.getJsonObject("ext", new JsonObject()));
  }

  /** Each bidder's outcome as the response's ext reports it (Prebid Server style; error code 1 is a timeout). */
  private void bidders(JsonObject ext) {
    JsonObject times = ext.getJsonObject("responsetimemillis", new JsonObject());
    times.fieldNames().forEach(stats::bidderCalled);
    JsonObject errors = ext.getJsonObject("errors");
    if (errors == null) {
      return;
    }
    for (String bidder : errors.fieldNames()) {
      JsonArray list = errors.getJsonArray(bidder);
      if (list != null && !list.isEmpty() && Integer.valueOf(1).equals(list.getJsonObject(0).getInteger("code"))) {
        stats.bidderTimeout(bidder);
      }
    }
  }
}
