package dev.gavel;

import dev.gavel.auction.AuctionMetrics;
import dev.gavel.auction.AuctionRoutes;
import dev.gavel.auction.AuctionSetup;
import dev.gavel.money.CurrencyRates;
import dev.gavel.auction.WarmUp;
import dev.gavel.auction.campaign.BudgetSnapshot;
import dev.gavel.auction.campaign.BudgetView;
import dev.gavel.auction.campaign.CampaignIndex;
import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.config.GavelConfig;
import dev.gavel.http.HttpServerVerticle;
import dev.gavel.http.RouteModule;
import dev.gavel.ops.OpsRoutes;
import dev.gavel.ops.Readiness;
import dev.gavel.openrtb.OpenRtbJson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gavel process: loads what the roles need, deploys each verticle with its instance
 * count, and undeploys them in order on stop. Tests start it exactly as {@link Main} does.
 */
public final class Gavel {
  private static final Logger LOG = LoggerFactory.getLogger(Gavel.class);
  private static final int WARM_UP_AUCTIONS = 200;

  private final Vertx vertx;
  private final GavelConfig config;
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness = new Readiness();
  private final AtomicReference<BudgetView> budgets = new AtomicReference<>(BudgetSnapshot.EMPTY);
  private String httpDeployment;

  private Gavel(Vertx vertx, GavelConfig config, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
  }

  public static Future<Gavel> start(Vertx vertx, GavelConfig config, PrometheusMeterRegistry registry) {
    Gavel gavel = new Gavel(vertx, config, registry);
    return gavel.deploy().map(v -> gavel);
  }

  private Future<Void> deploy() {
    return loadCampaigns().compose(index -> {
      AuctionSetup setup = new AuctionSetup(config, index, budgets::get, new CurrencyRates(config.currency()),
          new AuctionMetrics(registry), new OpenRtbJson(config.auction().maxJsonDepth(), OpenRtbJson.DEFAULT_MAX_STRING_LENGTH));
      readiness.register("campaigns", () -> true);
      List<RouteModule> shared = List.of((v, router) -> OpsRoutes.mount(router, readiness, registry));
      return vertx.deployVerticle(
          () -> new HttpServerVerticle(config.http(), () -> List.of(shared.get(0), new AuctionRoutes(setup))),
          new DeploymentOptions().setInstances(config.verticles().httpInstances()));
    }).compose(id -> {
      httpDeployment = id;
      return WarmUp.run(vertx, config.http().port(), WARM_UP_AUCTIONS);
    }).map(v -> {
      // Ready only once warm: a load balancer then never sends a publisher to a cold JVM.
      readiness.register("http", () -> httpDeployment != null);
      LOG.info("Gavel listening on http://{}:{} with {} HTTP verticle(s)",
          config.http().host(), config.http().port(), config.verticles().httpInstances());
      return null;
    });
  }

  /** Campaigns are read and indexed on a worker thread: file I/O never runs on an event loop. */
  private Future<CampaignIndex> loadCampaigns() {
    Path file = Path.of(config.auction().campaignsFile());
    return vertx.executeBlocking(() -> {
      CampaignIndex index = CampaignIndex.of(new CampaignLoader().parse(Files.readAllBytes(file)));
      LOG.info("loaded {} campaigns from {}", index.size(), file);
      return index;
    }, false);
  }

  public GavelConfig config() {
    return config;
  }

  public Readiness readiness() {
    return readiness;
  }

  /** Billing replaces the budget view as spend arrives; every auction reads the latest one. */
  public void updateBudgets(BudgetView view) {
    budgets.set(view);
  }

  /** Stops taking traffic, lets in-flight auctions finish, then releases everything. */
  public Future<Void> stop() {
    Future<Void> http = httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment);
    return http.onComplete(v -> httpDeployment = null);
  }
}
