package dev.gavel;

import dev.gavel.admin.AdminRoutes;
import dev.gavel.auction.WinnerTracking;
import dev.gavel.config.AdminConfig;
import dev.gavel.config.GavelConfig;
import dev.gavel.config.HttpConfig;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.http.HttpServerVerticle;
import dev.gavel.net.CidrSet;
import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.billing.BillingVerticle;
import dev.gavel.pipeline.fraud.FraudVerticle;
import dev.gavel.pipeline.fraud.InvalidTrafficDetector;
import dev.gavel.pipeline.kafka.ConsumerVerticleBase;
import dev.gavel.pipeline.persist.PersistenceVerticle;
import dev.gavel.pipeline.publish.KafkaPublisherVerticle;
import dev.gavel.tracking.TokenSigner;
import dev.gavel.tracking.TrackingUrls;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds each role's verticles from the config and the running services. */
final class Roles {
  private static final Logger LOG = LoggerFactory.getLogger(Roles.class);

  private final GavelConfig config;
  private final PostgresEndpoint postgres;
  private final MeterRegistry registry;
  private final Degradations degradations;

  Roles(GavelConfig config, PostgresEndpoint postgres, MeterRegistry registry, Degradations degradations) {
    this.config = config;
    this.postgres = postgres;
    this.registry = registry;
    this.degradations = degradations;
  }

  /** One publisher per process: it owns the spool directory. */
  Future<Void> deployPublisher(Deployments deployments) {
    return deployments.deploy(Deployments.Tier.PUBLISHER,
        () -> new KafkaPublisherVerticle(config.kafka().bootstrapServers(), config.kafka(), registry, degradations), 1).mapEmpty();
  }

  /** @param servingBusy true while this process's auctions are short of time: the consumers then pace themselves */
  Future<Void> deployConsumers(Deployments deployments, BooleanSupplier servingBusy) {
    ConsumerVerticleBase.Deps deps = new ConsumerVerticleBase.Deps(
        config.kafka().bootstrapServers(), config.kafka(), postgres, config.postgres().poolSize(), registry, servingBusy);
    return deployments.deployWorker(Deployments.Tier.CONSUMERS, () -> new PersistenceVerticle(deps), config.verticles().persistenceInstances())
        .compose(v -> deployments.deployWorker(Deployments.Tier.CONSUMERS, () -> new BillingVerticle(deps, config.currency()), config.verticles().billingInstances()))
        // Yauaa takes about a second to build: on a worker, once, shared by every fraud instance.
        .compose(v -> deployments.vertx().executeBlocking(InvalidTrafficDetector::newUserAgentAnalyzer, false))
        .compose(analyzer -> deployments.deployWorker(Deployments.Tier.CONSUMERS, () -> new FraudVerticle(deps, config.fraud(), analyzer),
            config.verticles().fraudInstances()))
        .mapEmpty();
  }

  /** The campaign admin API on its own port; it needs the schema and the topics. */
  Future<Void> deployAdmin(Deployments deployments, AdminRoutes.Seed seed) {
    AdminConfig admin = config.admin();
    HttpConfig http = new HttpConfig(admin.host(), admin.port(), AdminRoutes.MAX_BODY_BYTES, CidrSet.of(List.of()));
    AdminRoutes.Deps deps = new AdminRoutes.Deps(admin.tokens(), postgres, config.kafka().bootstrapServers(),
        config.kafka().topics().campaigns(), degradations, seed);
    return deployments.deploy(Deployments.Tier.HTTP, () -> new HttpServerVerticle(http, () -> List.of(new AdminRoutes(deps))), 1)
        .onSuccess(id -> LOG.info("admin API on http://{}:{}/admin/campaigns", admin.host(), admin.port()))
        .mapEmpty();
  }

  /** Signed tracking URLs for the auction's winners. */
  WinnerTracking winnerTracking() {
    return new TrackingUrls(config.tracking(), new TokenSigner(config.tracking()));
  }
}
