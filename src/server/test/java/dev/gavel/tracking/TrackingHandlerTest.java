package dev.gavel.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.TrackingConfig;
import dev.gavel.events.EventAddresses;
import dev.gavel.events.EventBusSink;
import dev.gavel.events.EventEnvelope;
import dev.gavel.events.EventJson;
import dev.gavel.events.TrackingEvent;
import dev.gavel.testing.TestVertx;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /event on a real HTTP server, with the event bus and a bidder's notice endpoint watched from the test. */
class TrackingHandlerTest {
  private static final TrackingConfig CONFIG = TokenSignerTest.config(TokenSignerTest.NEW, TokenSignerTest.OLD);

  private static PrometheusMeterRegistry registry;
  private static Vertx vertx;
  private static TrackingRoutes routes;
  private static int port;
  private static int bidderPort;
  private static final BlockingQueue<EventEnvelope> published = new LinkedBlockingQueue<>();
  private static final BlockingQueue<String> notices = new LinkedBlockingQueue<>();
  private static final AtomicInteger flakyCalls = new AtomicInteger();
  private final TokenSigner signer = new TokenSigner(CONFIG);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    registry = TestVertx.registry();
    vertx = TestVertx.create(registry);
    EventBusSink.registerCodec(vertx);
    vertx.eventBus().<EventEnvelope>consumer(EventAddresses.PUBLISH, message -> published.add(message.body()));
    routes = new TrackingRoutes(CONFIG, dev.gavel.net.CidrSet.of(java.util.List.of("127.0.0.1", "10.0.0.0/8")), new EventBusSink(vertx), registry);
    Router router = Router.router(vertx);
    routes.mount(vertx, router);
    port = TestVertx.await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
    bidderPort = TestVertx.await(startBidder()).actualPort();
  }

  /** A bidder's notice endpoint: /flaky fails its first call with 500, /broken always does, /ok never. */
  private static io.vertx.core.Future<HttpServer> startBidder() {
    return vertx.createHttpServer().requestHandler(request -> {
      notices.add(request.uri());
      boolean fail = request.path().equals("/broken") || (request.path().equals("/flaky") && flakyCalls.getAndIncrement() == 0);
      request.response().setStatusCode(fail ? 500 : 200).end();
    }).listen(0);
  }

  @AfterAll
  static void stop() {
    TestVertx.await(routes.close());
    TestVertx.await(vertx.close());
  }

  @BeforeEach
  void clear() {
    published.clear();
    notices.clear();
  }

  @Test
  void anImpressionBecomesOneEventAndA204() throws Exception {
    long now = System.currentTimeMillis();
    TrackingToken token = campaignToken(TrackingEvent.IMPRESSION, now, now + 60_000, null);
    String raw = signer.sign(token);
    HttpResponse<byte[]> response = get("/event?t=" + raw, "X-Forwarded-For", "203.0.113.7, 10.0.0.1", "User-Agent", "UnitTest/1.0");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("cache-control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    EventEnvelope envelope = nextEnvelope();
    assertThat(envelope.type()).isEqualTo(TrackingEvent.TYPE);
    assertThat(envelope.key()).isEqualTo(token.auctionId());
    assertThat(envelope.traceId()).isEqualTo(token.traceId());
    TrackingEvent event = EventJson.read(envelope.value(), TrackingEvent.class, TrackingEvent.TYPE, TrackingEvent.SCHEMA_VERSION);
    assertThat(event.kind()).isEqualTo(TrackingEvent.IMPRESSION);
    assertThat(event.auctionId()).isEqualTo("auc-1");
    assertThat(event.impId()).isEqualTo("imp-1");
    assertThat(event.bidId()).isEqualTo("bid-1");
    assertThat(event.campaignId()).isEqualTo("cmp-7");
    assertThat(event.bidder()).isNull();
    assertThat(event.priceMicros()).isEqualTo(1_500_000);
    assertThat(event.currency()).isEqualTo("USD");
    assertThat(event.issuedAtMs()).isEqualTo(now);
    assertThat(event.receivedAtMs()).isBetween(now, System.currentTimeMillis());
    assertThat(event.tokenId()).isEqualTo(signer.tokenId(raw));
    assertThat(event.eventId()).hasSize(36);
    assertThat(event.ip()).isEqualTo("203.0.113.7");
    assertThat(event.userAgent()).isEqualTo("UnitTest/1.0");
    assertThat(new JsonObject(new String(envelope.value(), java.nio.charset.StandardCharsets.UTF_8)).containsKey("campaignId")).isTrue();
    assertThat(counter("gavel.tracking.events", "kind", TrackingEvent.IMPRESSION)).isGreaterThanOrEqualTo(1);
    assertThat(published).isEmpty();
  }

  @Test
  void withoutXForwardedForTheIpIsThePeer() throws Exception {
    long now = System.currentTimeMillis();
    assertThat(get("/event?t=" + signer.sign(campaignToken(TrackingEvent.WIN, now, now + 60_000, null))).statusCode()).isEqualTo(204);
    assertThat(nextEvent().ip()).isEqualTo("127.0.0.1");
  }

  @Test
  void aPixelIsAnsweredWithATransparentGif() throws Exception {
    long now = System.currentTimeMillis();
    String raw = signer.sign(campaignToken(TrackingEvent.IMPRESSION, now, now + 60_000, null));
    for (HttpResponse<byte[]> response : List.of(get("/event?t=" + raw + "&img=1"),
        get("/event?t=" + raw, "Accept", "image/avif,image/webp,image/apng,image/*,*/*;q=0.8"))) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("image/gif");
      assertThat(response.body()).hasSize(43);
      assertThat(new String(response.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
      nextEnvelope();
    }
    // A page navigation lists text/html first: no pixel.
    assertThat(get("/event?t=" + raw, "Accept", "text/html,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8").statusCode())
        .isEqualTo(204);
  }

  @Test
  void aClickRedirectsToTheLandingPage() throws Exception {
    long now = System.currentTimeMillis();
    TrackingToken token = new TrackingToken(TrackingEvent.CLICK, "auc-1", "imp-1", "bid-1", "gavel", "cmp-7", null, 1_500_000, "USD",
        now, now + 60_000, "trace-1", null, "https://advertiser.example.com/landing?a=1&b=2");
    HttpResponse<byte[]> response = get("/event?t=" + signer.sign(token));
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("location")).hasValue("https://advertiser.example.com/landing?a=1&b=2");
    assertThat(nextEvent().kind()).isEqualTo(TrackingEvent.CLICK);
  }

  @Test
  void refusedTokensAreAnsweredCountedAndNeverPublished() throws Exception {
    long now = System.currentTimeMillis();
    String valid = signer.sign(campaignToken(TrackingEvent.IMPRESSION, now, now + 60_000, null));
    String forgedKey = new TokenSigner(TokenSignerTest.config(new TrackingConfig.SigningKey("k9", "x".repeat(40))))
        .sign(campaignToken(TrackingEvent.IMPRESSION, now, now + 60_000, null));
    String altered = valid.substring(0, 5) + (valid.charAt(5) == 'A' ? 'B' : 'A') + valid.substring(6);
    String expired = signer.sign(campaignToken(TrackingEvent.IMPRESSION, now - 120_000, now - 60_000, null));

    assertRefused("/event?t=" + altered, 403, "bad_signature");
    assertRefused("/event?t=" + forgedKey, 403, "unknown_key");
    assertRefused("/event?t=" + expired, 410, "expired");
    assertRefused("/event?t=not-a-token", 400, "malformed");
    assertRefused("/event", 400, "malformed");
  }

  @Test
  void headAnswersWithoutRecording() throws Exception {
    long now = System.currentTimeMillis();
    String raw = signer.sign(campaignToken(TrackingEvent.IMPRESSION, now, now + 60_000, null));
    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/event?t=" + raw)).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(204);
    assertNextPublishedIsAFreshHit();
  }

  @Test
  void anExternalBiddersNoticeIsForwardedAndRetriedAfterA500() throws Exception {
    double okBefore = counter("gavel.tracking.notices", "result", "ok");
    long now = System.currentTimeMillis();
    String notifyUrl = "http://127.0.0.1:" + bidderPort + "/flaky?price=1.50";
    HttpResponse<byte[]> response = get("/event?t=" + signer.sign(externalToken(TrackingEvent.IMPRESSION, now, notifyUrl)));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(nextEvent().bidder()).isEqualTo("dsp1");
    assertThat(notices.poll(5, TimeUnit.SECONDS)).isEqualTo("/flaky?price=1.50");
    assertThat(notices.poll(5, TimeUnit.SECONDS)).isEqualTo("/flaky?price=1.50");
    awaitCounter(() -> counter("gavel.tracking.notices", "result", "ok"), okBefore + 1);
    assertThat(flakyCalls.get()).isEqualTo(2);
  }

  @Test
  void aNoticeThatKeepsFailingGivesUpAfterTheConfiguredAttempts() throws Exception {
    double failedBefore = counter("gavel.tracking.notices", "result", "failed");
    long now = System.currentTimeMillis();
    String notifyUrl = "http://127.0.0.1:" + bidderPort + "/broken";
    assertThat(get("/event?t=" + signer.sign(externalToken(TrackingEvent.WIN, now, notifyUrl))).statusCode()).isEqualTo(204);
    awaitCounter(() -> counter("gavel.tracking.notices", "result", "failed"), failedBefore + 1);
    assertThat(notices).hasSize(CONFIG.notifyAttempts());
  }

  private void assertRefused(String path, int status, String reason) throws Exception {
    double before = counter("gavel.tracking.rejected", "reason", reason);
    HttpResponse<byte[]> response = get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(new JsonObject(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).getString("error")).isEqualTo(reason);
    assertThat(counter("gavel.tracking.rejected", "reason", reason)).isEqualTo(before + 1);
    assertNextPublishedIsAFreshHit();
  }

  /**
   * Proves nothing was published before: sends a valid hit and checks the next envelope is that one.
   * The earlier request was answered before this one was sent, so anything it published would come first.
   */
  private void assertNextPublishedIsAFreshHit() throws Exception {
    long now = System.currentTimeMillis();
    String marker = signer.sign(new TrackingToken(TrackingEvent.WIN, "marker-" + now, "1", "m", "gavel", "cmp-7", null, 0, "USD",
        now, now + 60_000, "trace-marker", null, null));
    assertThat(get("/event?t=" + marker).statusCode()).isEqualTo(204);
    assertThat(nextEnvelope().key()).isEqualTo("marker-" + now);
  }

  private static TrackingToken campaignToken(String kind, long issued, long expires, String landingUrl) {
    return new TrackingToken(kind, "auc-1", "imp-1", "bid-1", "gavel", "cmp-7", null, 1_500_000, "USD", issued, expires, "trace-1",
        null, landingUrl);
  }

  private static TrackingToken externalToken(String kind, long now, String notifyUrl) {
    return new TrackingToken(kind, "auc-2", "imp-1", "bid-9", "dsp1", null, "dsp1", 1_500_000, "USD", now, now + 60_000, "trace-2",
        notifyUrl, null);
  }

  private EventEnvelope nextEnvelope() throws InterruptedException {
    EventEnvelope envelope = published.poll(5, TimeUnit.SECONDS);
    assertThat(envelope).as("an envelope on " + EventAddresses.PUBLISH).isNotNull();
    return envelope;
  }

  private TrackingEvent nextEvent() throws Exception {
    return EventJson.read(nextEnvelope().value(), TrackingEvent.class, TrackingEvent.TYPE, TrackingEvent.SCHEMA_VERSION);
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static double counter(String name, String tag, String value) {
    Counter counter = registry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Waits, bounded, for a counter the forwarder bumps after the bidder's answer; checked on a vertx timer. */
  private static void awaitCounter(Supplier<Double> count, double expected) throws Exception {
    CompletableFuture<Double> reached = new CompletableFuture<>();
    long timer = vertx.setPeriodic(10, id -> {
      if (count.get() >= expected) {
        reached.complete(count.get());
      }
    });
    try {
      assertThat(reached.get(5, TimeUnit.SECONDS)).isEqualTo(expected);
    } finally {
      vertx.cancelTimer(timer);
    }
  }
}
