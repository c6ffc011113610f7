package dev.gavel.testing;

import dev.gavel.auction.AuctionMetrics;
import dev.gavel.auction.AuctionRoutes;
import dev.gavel.auction.AuctionSetup;
import dev.gavel.auction.BidderSlots;
import dev.gavel.auction.WarmUpGate;
import dev.gavel.auction.admission.Admissions;
import dev.gavel.auction.admission.LagSignal;
import dev.gavel.auction.campaign.BudgetSnapshot;
import dev.gavel.auction.campaign.CampaignIndex;
import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.auction.campaign.FrequencyCounts;
import dev.gavel.auction.campaign.SpendHolds;
import dev.gavel.auction.supply.SellersJsonRoutes;
import dev.gavel.auction.supply.SupplyChain;
import dev.gavel.config.ConfigLoader;
import dev.gavel.config.GavelConfig;
import dev.gavel.events.EventBusSink;
import dev.gavel.http.HttpServerVerticle;
import dev.gavel.money.CurrencyRates;
import dev.gavel.openrtb.OpenRtbJson;
import dev.gavel.tracking.TokenSigner;
import dev.gavel.tracking.TrackingRoutes;
import dev.gavel.tracking.TrackingUrls;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The request path alone: the auction and tracking routes on a free port, with no Kafka or
 * PostgreSQL behind them (events go to an event bus nobody reads). Fast to start, and the lag
 * signal each event loop's admission control reads can be injected.
 */
public final class ServingHarness implements AutoCloseable {
  public final Vertx vertx;
  public final PrometheusMeterRegistry registry;
  public final AuctionSetup setup;
  public final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ServingHarness(Vertx vertx, PrometheusMeterRegistry registry, AuctionSetup setup, int port) {
    this.vertx = vertx;
    this.registry = registry;
    this.setup = setup;
    this.port = port;
  }

  /**
   * @param config a config tree (defaults fill the rest; the test campaigns unless it names others)
   * @param lag the lag signal for each event loop, or null for Gavel's own probe
   */
  public static ServingHarness start(JsonObject config, Function<Vertx, LagSignal> lag) {
    PrometheusMeterRegistry registry = TestVertx.registry();
    Vertx vertx = TestVertx.create(registry);
    EventBusSink.registerCodec(vertx);
    int port = TestVertx.freePort();
    JsonObject auction = new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json");
    if (lag == null) {
      // Gavel's own probe on a test machine (a cold JVM, other tests' threads) must not shed what a
      // test runs; tests of shedding inject the lag instead.
      auction.put("admission", new JsonObject().put("maxLoopLagMs", 10_000));
    }
    JsonObject tree = new JsonObject().put("auction", auction).mergeIn(config, true);
    tree.put("http", tree.getJsonObject("http", new JsonObject()).put("port", port).put("host", "127.0.0.1"));
    GavelConfig parsed = ConfigLoader.fromJson(tree, Map.of());
    AuctionMetrics metrics = new AuctionMetrics(registry);
    Admissions admissions = new Admissions();
    metrics.watch(admissions);
    CampaignIndex campaigns = campaigns(parsed);
    AuctionSetup setup = new AuctionSetup(parsed.auction(), parsed.bidderClient(), parsed.bidders(), parsed.http().maxBodyBytes(),
        () -> campaigns, () -> BudgetSnapshot.EMPTY, new SpendHolds(60_000, System::currentTimeMillis),
        new FrequencyCounts(10_000), new CurrencyRates(parsed.currency()),
        metrics, new OpenRtbJson(), new TrackingUrls(parsed.tracking(), new TokenSigner(parsed.tracking())),
        new BidderSlots(parsed.bidders(), registry), admissions, WarmUpGate.alreadyWarm(), new SupplyChain(parsed.supplyChain()));
    TestVertx.await(vertx.deployVerticle(() -> new HttpServerVerticle(parsed.http(), () -> List.of(
            new AuctionRoutes(setup, lag), new SellersJsonRoutes(parsed.supplyChain()),
            new TrackingRoutes(parsed.tracking(), parsed.http().trustedProxies(), new EventBusSink(vertx), registry))),
        new DeploymentOptions().setInstances(parsed.verticles().httpInstances())));
    return new ServingHarness(vertx, registry, setup, port);
  }

  private static CampaignIndex campaigns(GavelConfig config) {
    try {
      return CampaignIndex.of(new CampaignLoader().parse(Files.readAllBytes(Path.of(config.auction().campaignsFile()))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpResponse<String> postAuction(String body) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openrtb2/auction"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public double counter(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    TestVertx.await(vertx.close());
  }
}
