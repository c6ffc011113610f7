package dev.gavel;

import dev.gavel.admin.AdminRoutes;
import dev.gavel.admin.CampaignFeed;
import dev.gavel.api.ReportRoutes;
import dev.gavel.auction.AuctionMetrics;
import dev.gavel.auction.AuctionRoutes;
import dev.gavel.auction.AuctionSetup;
import dev.gavel.auction.BidderSlots;
import dev.gavel.auction.WarmUpGate;
import dev.gavel.auction.admission.Admissions;
import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.CampaignCatalog;
import dev.gavel.auction.campaign.CampaignFile;
import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.auction.supply.SellersJsonRoutes;
import dev.gavel.auction.supply.SupplyChain;
import dev.gavel.auction.warmup.WarmUp;
import dev.gavel.config.ConfigException;
import dev.gavel.config.GavelConfig;
import dev.gavel.config.TrackingKeyFile;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.events.EventBusSink;
import dev.gavel.http.HttpServerVerticle;
import dev.gavel.http.RouteModule;
import dev.gavel.money.CurrencyRates;
import dev.gavel.money.RateFeed;
import dev.gavel.openrtb.OpenRtbJson;
import dev.gavel.ops.Degradations;
import dev.gavel.ops.OpsRoutes;
import dev.gavel.ops.Readiness;
import dev.gavel.tracking.TrackingRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gavel process: finds Kafka and PostgreSQL where the config says, migrates the schema,
 * creates the topics, loads the campaigns, and deploys the verticles of its roles with their instance
 * counts. The serving side needs neither Kafka nor PostgreSQL to start ({@link Prerequisites}).
 * Stops in the order that loses nothing in flight. Tests start it as Main does.
 */
public final class Gavel {
  private static final Logger LOG = LoggerFactory.getLogger(Gavel.class);

  private final Vertx vertx;
  private final GavelConfig config;
  private final PostgresEndpoint postgres;
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness = new Readiness();
  private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
  private final Degradations degradations = new Degradations();
  /** Every HTTP event loop's admission control; the consumers give way while it is under pressure. */
  private final Admissions admissions = new Admissions();
  private final Deployments deployments;
  private final Future<Void> stopRequested;
  private Prerequisites prerequisites;

  private Gavel(Vertx vertx, GavelConfig config, PrometheusMeterRegistry registry, Future<Void> stopRequested) {
    this.stopRequested = stopRequested;
    this.vertx = vertx;
    this.config = config;
    this.postgres = PostgresEndpoint.of(config.postgres());
    this.registry = registry;
    this.deployments = new Deployments(vertx);
    // Not ready until every role is deployed and warmed up, whatever else has registered by then.
    readiness.register("started", started::get);
    readiness.detail("degraded", degradations::report);
  }

  public static Future<Gavel> start(Vertx vertx, GavelConfig config, PrometheusMeterRegistry registry) {
    return start(vertx, config, registry, Promise.<Void>promise().future());
  }

  /**
   * @param stopRequested completes when the process is asked to stop during start-up (SIGTERM):
   *     the warm-up then ends at once, so that start-up finishes and the stop can run in time
   */
  public static Future<Gavel> start(Vertx vertx, GavelConfig config, PrometheusMeterRegistry registry, Future<Void> stopRequested) {
    try {
      requireServices(config);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    EventBusSink.registerCodec(vertx);
    // The kept tracking key is read (or made) on disk: off the event loop, and only once the config
    // is known to be complete, so a refused start leaves no file behind. Only serving signs URLs.
    return vertx.executeBlocking(() -> config.verticles().serve() ? config.withTracking(TrackingKeyFile.resolve(config.tracking()))
        : config, false)
        .compose(resolved -> {
          Gavel gavel = new Gavel(vertx, resolved, registry, stopRequested);
          return gavel.boot().map(v -> gavel)
              .recover(e -> gavel.stop().transform(x -> Future.failedFuture(e)));
        });
  }

  private Future<Void> boot() {
    prerequisites = new Prerequisites(vertx, config.kafka(), postgres, degradations);
    return loadCampaigns()
        .compose(this::deployRoles)
        .onSuccess(v -> started.set(true));
  }

  /**
   * The consumers start once the schema and topics are there; if PostgreSQL or Kafka is away, the
   * serving side starts without them and the consumers follow when they are back.
   */
  private Future<Void> deployRoles(LoadedCampaigns campaigns) {
    Roles roles = new Roles(config, postgres, registry, degradations);
    boolean consume = config.verticles().consume();
    Supplier<Future<Void>> afterPrerequisites = () -> (consume ? roles.deployConsumers(deployments, admissions::underPressure)
        : Future.<Void>succeededFuture()).compose(v -> config.admin().enabled() ? roles.deployAdmin(deployments, campaigns.seed())
        : Future.succeededFuture());
    Future<Void> consumers = prerequisites.attempt().transform(ready -> {
      if (ready.succeeded()) {
        return afterPrerequisites.get();
      }
      prerequisites.retry(ready.cause(), consume ? "the consumers" : "the event store (reports) and the admin API")
          .compose(v -> afterPrerequisites.get())
          .onFailure(e -> {
            LOG.error("the consumers failed to start", e);
            degradations.set("consumers", "failed to start (" + e.getMessage() + "): restart this node");
          });
      return Future.succeededFuture();
    });
    return consumers.compose(v -> config.verticles().serve() ? serve(roles, campaigns.catalog()) : opsOnly());
  }

  private Future<Void> serve(Roles roles, CampaignCatalog catalog) {
    AuctionMetrics metrics = new AuctionMetrics(registry);
    metrics.watch(admissions);
    WarmUpGate warmUp = new WarmUpGate();
    readiness.register("warm", warmUp::warm);
    readiness.detail("admission", admissions::report);
    String snapshot = config.auction().budgetSnapshotFile();
    Budgets budgets = new Budgets(vertx, snapshot.isEmpty() ? null : Path.of(snapshot), degradations, Clock.systemUTC(),
        config.auction().budgetHoldSeconds(), config.auction().frequencyCapMaxUsers());
    metrics.watch(budgets.holds());
    metrics.watch(budgets.frequency());
    CurrencyRates rates = new CurrencyRates(config.currency());
    AuctionSetup setup = new AuctionSetup(config.auction(), config.bidderClient(), config.bidders(), config.http().maxBodyBytes(),
        catalog, budgets::view, budgets.holds(), budgets.frequency(), rates,
        metrics, new OpenRtbJson(config.auction().maxJsonDepth(), OpenRtbJson.DEFAULT_MAX_STRING_LENGTH),
        roles.winnerTracking(), new BidderSlots(config.bidders(), registry), admissions, warmUp, new SupplyChain(config.supplyChain()));
    CampaignFeed feed = new CampaignFeed(config.kafka().bootstrapServers(), config.kafka().topics().campaigns(), catalog, degradations);
    return budgets.start(deployments, postgres, config.kafka())
        .compose(v -> deployments.deployWorker(Deployments.Tier.FEEDS, () -> feed, 1))
        .onSuccess(v -> readiness.register("campaigns", () -> true)) // the topic read, or the file serving
        .compose(v -> config.currency().source().isEmpty() ? Future.succeededFuture()
            : deployments.deploy(Deployments.Tier.FEEDS, () -> new RateFeed(config.currency(), rates, registry), 1))
        .compose(v -> roles.deployPublisher(deployments))
        .compose(v -> vertx.executeBlocking(() -> {
          setup.json().prime(); // off the event loops: the first auction would build them there
          return null;
        }, false))
        .compose(v -> deployments.deploy(Deployments.Tier.HTTP, () -> new HttpServerVerticle(config.http(), () -> List.of(
            ops(), new AuctionRoutes(setup), new SellersJsonRoutes(config.supplyChain()),
            new TrackingRoutes(config.tracking(), config.http().trustedProxies(), new EventBusSink(vertx), registry),
            new ReportRoutes(postgres, catalog))), config.verticles().httpInstances()))
        .compose(v -> WarmUp.run(vertx, config.warmUp(), config.http().port(), warmUp, catalog.get().campaigns(), stopRequested))
        .onSuccess(v -> LOG.info("Gavel serving on http://{}:{} ({} HTTP verticles)", config.http().host(),
            config.http().port(), config.verticles().httpInstances()));
  }

  /** A consume-only node still answers health, readiness and metrics. */
  private Future<Void> opsOnly() {
    return deployments.deploy(Deployments.Tier.HTTP, () -> new HttpServerVerticle(config.http(), () -> List.of(ops())), 1).mapEmpty();
  }

  private RouteModule ops() {
    return (v, router) -> OpsRoutes.mount(router, readiness, registry);
  }

  /** The campaign file, parsed, and what it seeds an empty admin store with. */
  private record LoadedCampaigns(CampaignCatalog catalog, AdminRoutes.Seed seed) {}

  /**
   * Campaigns are read and indexed on a worker thread: file I/O never runs on an event loop. The
   * file serves until the campaign feed has read the campaigns topic (when the admin API manages them).
   */
  private Future<LoadedCampaigns> loadCampaigns() {
    return vertx.executeBlocking(() -> {
      CampaignFile source = CampaignFile.resolve(config.auction().campaignsFile());
      CampaignLoader loader = new CampaignLoader();
      List<Campaign> campaigns = source.parse(loader);
      LOG.info("loaded {} campaigns from {}", campaigns.size(), source.name());
      return new LoadedCampaigns(new CampaignCatalog(campaigns), new AdminRoutes.Seed(source.name(), loader.entries(source.bytes())));
    }, false);
  }

  public GavelConfig config() {
    return config;
  }

  public Readiness readiness() {
    return readiness;
  }

  /** Where this process's PostgreSQL is. */
  public PostgresEndpoint postgres() {
    return postgres;
  }

  /**
   * This jar runs on a Kafka and a PostgreSQL it is pointed at. The embedded ones of a local run
   * are started around it by the local build ({@code dev.gavel.tools.local.LocalGavel}).
   */
  static void requireServices(GavelConfig config) {
    String hint = ": this jar needs an external one; for a local run on embedded Kafka and PostgreSQL, use scripts/run";
    if (config.kafka().bootstrapServers().isEmpty()) {
      throw new ConfigException("kafka.bootstrapServers is not set (GAVEL_KAFKA_BOOTSTRAP_SERVERS)" + hint);
    }
    if (config.postgres().url().isEmpty()) {
      throw new ConfigException("postgres.url is not set (GAVEL_POSTGRES_URL)" + hint);
    }
  }

  /**
   * Stops taking traffic and lets in-flight requests finish, then drains the publisher (its spool
   * flushed), then the consumers (their last batch committed).
   */
  public Future<Void> stop() {
    if (prerequisites != null) {
      prerequisites.stop();
    }
    return deployments.undeployAll()
        .onComplete(v -> LOG.info("Gavel stopped"))
        .mapEmpty();
  }
}
