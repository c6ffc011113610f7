package dev.gavel.tools.demo;

import dev.gavel.tools.demo.DemoOptions.Shares;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the viewer's browser for each winning bid: the win notice (nurl) at once, the billing
 * pixel (burl) a moment later, and for a share of impressions the click (the tracking URL inside
 * the {@code adm}) a little after that. A share of winners are bots or data-centre hosts, and a
 * share of billing pixels fire twice, so that the fraud rules have something to find.
 */
final class Pixels {
  /** A signed tracking URL in the markup: in an href, a VAST CDATA or a native link. */
  private static final Pattern EVENT_URL = Pattern.compile("https?://[^\\s\"'<>\\\\\\]]+/event\\?t=[A-Za-z0-9._~-]+");
  private static final String IMAGE_ACCEPT = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
  private static final String PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final DemoStats stats;
  private final Shares shares;
  private final AtomicInteger pending = new AtomicInteger();

  private record Hit(String userAgent, String forwardedFor, String rule) {}

  Pixels(HttpClient http, ScheduledExecutorService scheduler, DemoStats stats, Shares shares) {
    this.http = http;
    this.scheduler = scheduler;
    this.stats = stats;
    this.shares = shares;
  }

  /** Hits scheduled or in flight. */
  int pending() {
    return pending.get();
  }

  /** Fires what the viewer's page would for this winning bid. */
  void winner(JsonObject bid, Clients.Client viewer) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    Hit hit = hitFrom(viewer, r.nextDouble());
    String nurl = bid.getString("nurl");
    String burl = bid.getString("burl");
    if (nurl != null) {
      fire(nurl, "win", hit, IMAGE_ACCEPT, 0);
    }
    if (burl == null) {
      return;
    }
    long shownAfter = 20 + r.nextLong(300);
    fire(burl, "impression", hit, IMAGE_ACCEPT, shownAfter);
    if (r.nextDouble() < shares.duplicate()) {
      stats.invalidSent(DemoStats.DUPLICATE_RULE);
      fire(burl, "impression (duplicate)", hit, IMAGE_ACCEPT, shownAfter + 100 + r.nextLong(1400));
    }
    String click = clickUrl(bid.getString("adm"));
    if (click != null && r.nextDouble() < shares.click()) {
      fire(click, "click", hit, PAGE_ACCEPT, shownAfter + 300 + r.nextLong(2200));
    }
  }

  private Hit hitFrom(Clients.Client viewer, double roll) {
    if (roll < shares.bot()) {
      return new Hit(Clients.bot(), viewer.ip(), DemoStats.BOT_RULE);
    }
    if (roll < shares.bot() + shares.dataCenter()) {
      return new Hit(viewer.userAgent(), Clients.dataCenterIp(), DemoStats.DATACENTER_RULE);
    }
    return new Hit(viewer.userAgent(), viewer.ip(), null);
  }

  static String clickUrl(String adm) {
    if (adm == null) {
      return null;
    }
    Matcher m = EVENT_URL.matcher(adm);
    return m.find() ? m.group() : null;
  }

  private void fire(String url, String kind, Hit hit, String accept, long delayMs) {
    pending.incrementAndGet();
    if (delayMs <= 0) {
      send(url, kind, hit, accept);
    } else {
      scheduler.schedule(() -> send(url, kind, hit, accept), delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private void send(String url, String kind, Hit hit, String accept) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET()
          .header("User-Agent", hit.userAgent()).header("X-Forwarded-For", hit.forwardedFor()).header("Accept", accept)
          .build();
    } catch (IllegalArgumentException e) {
      stats.pixelErrors.increment();
      pending.decrementAndGet();
      return;
    }
    stats.pixel(kind);
    if (hit.rule() != null) {
      stats.invalidSent(hit.rule());
    }
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
      if (failure != null || response.statusCode() >= 400) {
        stats.pixelErrors.increment();
      }
      pending.decrementAndGet();
    });
  }
}
